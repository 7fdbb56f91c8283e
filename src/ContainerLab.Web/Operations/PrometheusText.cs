using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ContainerLab.Web.Operations;

/// <summary>
/// Collects the instruments that matter to an admin and writes them in the Prometheus text format (version 0.0.4), with
/// nothing but System.Diagnostics.Metrics: the web's own meter (<see cref="WebMetrics"/>) and, from .NET's HttpClient
/// meter, the duration of requests to the daemon (the web's only HttpClient talks to the daemon's socket). Counters
/// and histograms accumulate from the start; gauges are read at each scrape.
/// </summary>
public sealed class PrometheusText : IDisposable
{
    // A label set per series; only these tags become labels (each has few values), so the series stay few.
    private static readonly string[] LabelTags = ["kind", "http.request.method", "http.response.status_code"];
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);

    private sealed class Family(string name, string type, string help)
    {
        public string Name { get; } = name;
        public string Type { get; } = type;
        public string Help { get; } = help;
        public SortedDictionary<string, double> Values { get; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, Histogram> Histograms { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Histogram
    {
        public long[] Counts { get; } = new long[Buckets.Length + 1];
        public double Sum { get; set; }
        public long Count { get; set; }
    }

    /// <param name="meters">This app's meter factory: a listener hears every meter of the process, and only this app's
    /// own are its to export (tests run several webs in one process).</param>
    public PrometheusText(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            bool ours = instrument.Meter.Scope == meters || instrument.Meter.Name != WebMetrics.MeterName;
            if (ours && NameOf(instrument) is { } name)
            {
                lock (_gate)
                    _families[name] = new Family(name, TypeOf(instrument), instrument.Description ?? "");
                listener.EnableMeasurementEvents(instrument, name);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(instrument, (string)state!, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record(instrument, (string)state!, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(instrument, (string)state!, value, tags));
        _listener.Start();
    }

    /// <summary>The exposition: every family with its HELP and TYPE lines.</summary>
    public string Write()
    {
        _listener.RecordObservableInstruments(); // the gauges, now
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var family in _families.Values)
            {
                text.Append("# HELP ").Append(family.Name).Append(' ').Append(family.Help.Replace('\n', ' ')).Append('\n');
                text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
                if (family.Type == "histogram")
                {
                    foreach (var (labels, histogram) in family.Histograms)
                        WriteHistogram(text, family.Name, labels, histogram);
                }
                else if (family.Values.Count == 0 && family.Type != "gauge")
                    text.Append(family.Name).Append(" 0\n"); // a counter nothing has counted yet is 0, not absent
                foreach (var (labels, value) in family.Values)
                    text.Append(family.Name).Append(labels.Length == 0 ? "" : "{" + labels + "}").Append(' ').Append(Number(value)).Append('\n');
            }
        }
        return text.ToString();
    }

    private void Record(Instrument instrument, string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string labels = Labels(tags);
        lock (_gate)
        {
            if (!_families.TryGetValue(name, out var family))
                return;
            switch (family.Type)
            {
                case "histogram":
                    if (!family.Histograms.TryGetValue(labels, out var histogram))
                        family.Histograms[labels] = histogram = new Histogram();
                    int bucket = Array.FindIndex(Buckets, b => value <= b);
                    histogram.Counts[bucket < 0 ? Buckets.Length : bucket]++;
                    histogram.Sum += value;
                    histogram.Count++;
                    break;
                case "gauge" when instrument is not ObservableGauge<int> and not ObservableGauge<long> and not ObservableGauge<double>:
                    family.Values[labels] = family.Values.GetValueOrDefault(labels) + value; // an up-down counter
                    break;
                case "gauge":
                    family.Values[labels] = value;
                    break;
                default:
                    family.Values[labels] = family.Values.GetValueOrDefault(labels) + value;
                    break;
            }
        }
    }

    private static void WriteHistogram(StringBuilder text, string name, string labels, Histogram histogram)
    {
        string prefix = labels.Length == 0 ? "" : labels + ",";
        long cumulative = 0;
        for (int i = 0; i < Buckets.Length; i++)
        {
            cumulative += histogram.Counts[i];
            text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"").Append(Number(Buckets[i])).Append("\"} ").Append(cumulative).Append('\n');
        }
        text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"+Inf\"} ").Append(histogram.Count).Append('\n');
        string braces = labels.Length == 0 ? "" : "{" + labels + "}";
        text.Append(name).Append("_sum").Append(braces).Append(' ').Append(Number(histogram.Sum)).Append('\n');
        text.Append(name).Append("_count").Append(braces).Append(' ').Append(histogram.Count).Append('\n');
    }

    /// <summary>The series name for the instruments exported; null for the rest.</summary>
    private static string? NameOf(Instrument instrument) => (instrument.Meter.Name, instrument.Name) switch
    {
        (WebMetrics.MeterName, var name) => name.Replace('.', '_') + (instrument is Counter<long> ? "_total" : ""),
        ("System.Net.Http", "http.client.request.duration") => "containerlab_daemon_request_duration_seconds",
        _ => null,
    };

    private static string TypeOf(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> => "counter",
        Histogram<double> or Histogram<long> => "histogram",
        _ => "gauge",
    };

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new List<string>();
        foreach (var (key, value) in tags)
        {
            if (Array.IndexOf(LabelTags, key) >= 0 && value is not null)
                labels.Add($"{key.Replace('.', '_')}=\"{Convert.ToString(value, CultureInfo.InvariantCulture)!.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
        }
        labels.Sort(StringComparer.Ordinal);
        return string.Join(',', labels);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public void Dispose() => _listener.Dispose();
}
