using System.Globalization;
using System.Text;
using ContainerLab.Engine.Tracing;

namespace ContainerLab.Daemon.Diagnostics;

/// <summary>
/// The W3C Server-Timing header containerlabd answers a create, a start and a limit change with: <c>daemon</c> (the
/// whole request inside containerlabd), <c>runtime</c> (the OCI runtime processes it ran) and <c>kernel</c> (kernel work
/// containerlabd did itself), each <c>name;dur=MS;desc="..."</c> (docs/API.md "Server-Timing").
/// </summary>
internal static class ServerTimingHeader
{
    public const string Name = "Server-Timing";

    /// <summary>Descriptions are labels on a picture, not logs: longer ones are cut (the log has the whole story).</summary>
    public const int MaxDescriptionLength = 119;

    public static string Format(TimeSpan daemon, OperationTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var header = new StringBuilder(Metric("daemon", daemon, "containerlabd"));
        if (trace.RuntimeRuns.Count > 0)
            header.Append(", ").Append(Metric("runtime", Sum(trace.RuntimeRuns.Select(r => r.Elapsed)), string.Join(" + ", trace.RuntimeRuns)));
        if (trace.KernelWork.Count > 0)
            header.Append(", ").Append(Metric("kernel", Sum(trace.KernelWork.Select(k => k.Elapsed)),
                string.Join("; ", trace.KernelWork.Select(k => k.Description))));
        return header.ToString();
    }

    /// <summary><c>name;dur=12.345;desc="..."</c>: milliseconds with three decimals, whatever the culture.</summary>
    public static string Metric(string name, TimeSpan duration, string description) =>
        $"{name};dur={duration.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture)};desc={Quote(description)}";

    /// <summary>
    /// An RFC 9110 quoted-string: <c>"</c> and <c>\</c> escaped with a backslash; control characters (a kernel file's
    /// newline) become spaces and other non-ASCII a '?', since Kestrel refuses non-ASCII header values; cut to
    /// <see cref="MaxDescriptionLength"/> characters (before escaping, so no escape is cut in half).
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxDescriptionLength)
            text = string.Concat(text.AsSpan(0, MaxDescriptionLength - 3), "...");
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            if (c is '"' or '\\')
                quoted.Append('\\').Append(c);
            else if (char.IsControl(c))
                quoted.Append(' ');
            else
                quoted.Append(c > '~' ? '?' : c);
        }
        return quoted.Append('"').ToString();
    }

    private static TimeSpan Sum(IEnumerable<TimeSpan> durations) => durations.Aggregate(TimeSpan.Zero, (sum, d) => sum + d);
}
