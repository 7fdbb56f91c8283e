using System.Text;

namespace ContainerLab.Bench.StartBench;

/// <summary>The results lines as Markdown (printed, and pasted into docs/PERFORMANCE.md).</summary>
internal static class Report
{
    private static readonly string[] Rows = ["cold", "fresh browser", "new context"];

    private static readonly Dictionary<string, string> RowText = new()
    {
        ["cold"] = "first start after the server came up (daemon + server just started, chromium just launched)",
        ["fresh browser"] = "fresh browser (warm servers, chromium launched for the run, empty profile)",
        ["new context"] = "new browser context (warm servers, one running chromium, no cache, no cookies)",
    };

    public static string Markdown(IReadOnlyList<StartSample> samples)
    {
        var md = new StringBuilder();
        md.AppendLine($"Machine: {Environment.ProcessorCount} CPUs, kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, "
            + $".NET {Environment.Version}, load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        md.AppendLine();
        md.AppendLine("**Start -> visible prompt** (click #start until the visible terminal's last line ends in `#`; Playwright's wall clock; "
            + "baseline: the bare relay's start page, one POST that creates the same node through the same daemon, then one WebSocket):");
        md.AppendLine();
        md.AppendLine("| row | web median ms | web p95 ms | n | bare median ms | n | web / bare | web: home page ready, median ms | web: daemon's create steps, median ms | bare: daemon's create steps, median ms |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (string row in Rows)
        {
            var web = Of(samples, row, "web");
            var bare = Of(samples, row, "bare");
            if (web.Count == 0 && bare.Count == 0)
                continue;
            var wall = Pick(web, s => s.WallMs);
            var bareWall = Pick(bare, s => s.WallMs);
            md.AppendLine($"| {RowText[row]} | {wall.Median:0} | {wall.P95:0} | {wall.Count} | {bareWall.Median:0} | {bareWall.Count} | "
                + $"{wall.Median / bareWall.Median:0.00} | {Pick(web, s => s.HomeMs).Median:0} | {Pick(web, s => s.DaemonCreateMs).Median:0.0} | "
                + $"{Pick(bare, s => s.DaemonCreateMs).Median:0.0} |");
        }
        md.AppendLine();
        md.AppendLine("Where the web's time goes (medians per row; from the click when /lab came into the same document, from the form's "
            + "submission when it came as a second document):");
        md.AppendLine();
        md.AppendLine("| row | POST /session/start answered | /lab HTML received | DOMContentLoaded, or lab page in place | xterm.js created | prompt visible |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (string row in Rows)
        {
            var web = Of(samples, row, "web");
            if (web.Count == 0)
                continue;
            md.AppendLine($"| {row} | {Pick(web, s => s.CreateAnsweredMs).Median:0} | {Pick(web, s => s.HtmlMs ?? double.NaN).Median:0} | "
                + $"{Pick(web, s => s.DomReadyMs ?? double.NaN).Median:0} | {Pick(web, s => s.XtermMs ?? double.NaN).Median:0} | {Pick(web, s => s.PromptMs).Median:0} |");
        }
        md.AppendLine();
        md.AppendLine("The baseline's (the start page's clock from the click, medians per row):");
        md.AppendLine();
        md.AppendLine("| row | POST /start answered | xterm.js created | prompt visible |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (string row in Rows)
        {
            var bare = Of(samples, row, "bare");
            if (bare.Count == 0)
                continue;
            md.AppendLine($"| {row} | {Pick(bare, s => s.CreateAnsweredMs).Median:0} | {Pick(bare, s => s.XtermMs ?? double.NaN).Median:0} | {Pick(bare, s => s.PromptMs).Median:0} |");
        }
        return md.ToString();
    }

    private static List<StartSample> Of(IReadOnlyList<StartSample> samples, string row, string contender) =>
        [.. samples.Where(s => s.Row == row && s.Contender == contender)];

    private static Samples Pick(List<StartSample> samples, Func<StartSample, double> value)
    {
        var picked = new Samples();
        picked.AddRange(samples.Select(value).Where(v => !double.IsNaN(v)));
        return picked;
    }
}
