using System.Globalization;

namespace ContainerLab.Api.Client;

/// <summary>One metric of a response's <c>Server-Timing</c> header (W3C Server Timing): a name, a duration in ms, a description.</summary>
public sealed record ServerTimingMetric(string Name, double? DurationMs, string? Description);

/// <summary>
/// How long one API call took as the client saw it (HTTP over the unix socket included) and what the daemon said it
/// spent inside, per part (<c>daemon</c>, <c>runtime</c>, <c>kernel</c>; see docs/API.md "Server-Timing").
/// </summary>
public sealed record DaemonTiming(double RoundTripMs, IReadOnlyList<ServerTimingMetric> Metrics)
{
    /// <summary>The metric named <paramref name="name"/>, or null when the daemon sent none.</summary>
    public ServerTimingMetric? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);

    /// <summary>
    /// The metrics of a Server-Timing header: <c>name;dur=1.5;desc="text", name2;dur=2</c>. Quoted descriptions may hold
    /// commas and semicolons; a malformed metric is skipped, never thrown on (the header is advice, not the answer).
    /// </summary>
    public static IReadOnlyList<ServerTimingMetric> Parse(IEnumerable<string> headerValues)
    {
        var metrics = new List<ServerTimingMetric>();
        foreach (string value in headerValues)
        {
            foreach (string entry in SplitOutsideQuotes(value, ','))
            {
                var parts = SplitOutsideQuotes(entry, ';');
                string name = parts[0].Trim();
                if (name.Length == 0 || name.Contains('"', StringComparison.Ordinal))
                    continue;
                double? duration = null;
                string? description = null;
                foreach (string parameter in parts.Skip(1))
                {
                    int equals = parameter.IndexOf('=', StringComparison.Ordinal);
                    if (equals < 0)
                        continue;
                    string key = parameter[..equals].Trim(), text = Unquote(parameter[(equals + 1)..].Trim());
                    if (key.Equals("dur", StringComparison.OrdinalIgnoreCase) && duration is null
                        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && double.IsFinite(ms) && ms >= 0)
                        duration = ms;
                    else if (key.Equals("desc", StringComparison.OrdinalIgnoreCase) && description is null)
                        description = text;
                }
                metrics.Add(new ServerTimingMetric(name, duration, description));
            }
        }
        return metrics;
    }

    private static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        bool quoted = false;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && quoted)
                i++;
            else if (text[i] == '"')
                quoted = !quoted;
            else if (text[i] == separator && !quoted)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    private static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
            return text;
        var unquoted = new System.Text.StringBuilder(text.Length);
        for (int i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length - 1)
                i++;
            unquoted.Append(text[i]);
        }
        return unquoted.ToString();
    }
}

/// <summary>An API answer with how long it took (<see cref="DaemonTiming"/>).</summary>
public sealed record Traced<T>(T Value, DaemonTiming Timing);
