using System.Globalization;
using System.Text;

namespace ContainerLab.Bench.InspectBench;

/// <summary>The result as Markdown (printed, and pasted into docs/PERFORMANCE.md). InvariantGlobalization: numbers print invariantly.</summary>
internal sealed class Report
{
    public required BenchOptions Options { get; init; }
    public required DaemonLoad Load { get; init; }
    public required EventLatency Events { get; init; }
    public required ScreenLatency Screen { get; init; }
    public required WebCpu Web { get; init; }
    public required string Browser { get; init; }
    public required string Runtime { get; init; }

    private int N => Options.Sandboxes;

    private (double Wall, double Cpu) Sum(Load load)
    {
        var phases = Load.Phases.Where(p => p.Load == load).ToList();
        return (phases.Sum(p => p.WallSeconds), phases.Sum(p => p.DaemonCpuSeconds));
    }

    /// <summary>The daemon's CPU under <paramref name="load"/> in % of one core.</summary>
    private double Percent(Load load)
    {
        var (wall, cpu) = Sum(load);
        return 100 * cpu / wall;
    }

    /// <summary>What following costs per open sandbox, in % of one core, above the baseline.</summary>
    public double PerSandbox(Load load) => (Percent(load) - Percent(InspectBench.Load.Baseline)) / N;

    public string Markdown()
    {
        var md = new StringBuilder();
        void Line(string text) => md.AppendLine(text);
        Line($"Machine: {Machine()}, {Runtime}, {Browser} headless. {N} sandboxes open (busybox: `sh` on a pty and `sleep 3600`), "
            + $"load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        md.AppendLine();

        Line($"**Daemon CPU per open sandbox** (containerlabd's utime + stime from /proc/PID/stat; {Options.Rounds} rounds of the three loads, "
            + $"{Options.PhaseSeconds} s each, in rotated order; per open sandbox = (load - baseline) / {N}):");
        md.AppendLine();
        md.AppendLine("| load | what follows the sandboxes | wall s | daemon CPU s | daemon, % of one core | per open sandbox, % of one core | / polled |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        double polled = PerSandbox(InspectBench.Load.Polled);
        foreach (var (load, what) in new[]
        {
            (InspectBench.Load.Baseline, "nobody (baseline)"),
            (InspectBench.Load.Watched, $"change stream: {N} subscribers of GET /events, one per sandbox (the web now)"),
            (InspectBench.Load.Polled, $"polling: GET /inspection of each sandbox every second (the web before)"),
        })
        {
            var (wall, cpu) = Sum(load);
            string per = load == InspectBench.Load.Baseline ? "-" : PerSandbox(load).ToString("0.000", CultureInfo.InvariantCulture);
            string ratio = load == InspectBench.Load.Baseline ? "-" : (PerSandbox(load) / polled).ToString("0.00", CultureInfo.InvariantCulture);
            Line($"| {load.ToString().ToLowerInvariant()} | {what} | {wall:0.0} | {cpu:0.00} | {Percent(load):0.00} | {per} | {ratio} |");
        }
        md.AppendLine();
        double watched = PerSandbox(InspectBench.Load.Watched);
        Line($"Target: under 1% of a core per open sandbox. Change stream: {watched:0.000}%: " + (watched < 1 ? "**met**." : "**not met**."));
        md.AppendLine();

        var watchedPhases = Load.Phases.Where(p => p.Load == InspectBench.Load.Watched).ToList();
        double busyMs = watchedPhases.Sum(p => p.StreamAfter.BusyMilliseconds - p.StreamBefore.BusyMilliseconds);
        double busyCpuMs = watchedPhases.Sum(p => p.StreamAfter.BusyCpuMilliseconds - p.StreamBefore.BusyCpuMilliseconds);
        long ticks = watchedPhases.Sum(p => p.StreamAfter.Ticks - p.StreamBefore.Ticks);
        long reads = watchedPhases.Sum(p => p.StreamAfter.SandboxTicks - p.StreamBefore.SandboxTicks);
        double watchedWall = watchedPhases.Sum(p => p.WallSeconds);
        double otherBusy = Load.Phases.Where(p => p.Load != InspectBench.Load.Watched)
            .Sum(p => p.StreamAfter.BusyMilliseconds - p.StreamBefore.BusyMilliseconds);
        var (polledWall, _) = Sum(InspectBench.Load.Polled);
        var inspection = Load.InspectionMs;
        Line($"**Wall and CPU time of following** (the change stream's own counters in GET /v1/info: a Stopwatch and the ticking thread's "
            + "CPU clock around each 250 ms tick, so writing events to the subscribers' responses is not in them; the polled load's "
            + "GET /inspection timed by the client, HTTP over the unix socket included):");
        md.AppendLine();
        md.AppendLine("| what | per open sandbox, wall ms per second | per open sandbox, % of one core | detail |");
        md.AppendLine("| --- | ---: | ---: | --- |");
        Line($"| change stream ticks (watched) | {busyMs / N / watchedWall:0.000} | {100 * busyCpuMs / 1000 / N / watchedWall:0.000} | "
            + $"{ticks} ticks ({ticks / watchedWall:0.0}/s), {reads} sandbox reads: {1000 * busyMs / Math.Max(1, reads):0} µs wall, "
            + $"{1000 * busyCpuMs / Math.Max(1, reads):0} µs CPU per sandbox read; {busyMs / Math.Max(1, ticks):0.00} ms wall per tick; "
            + $"ticks are {100 * (100 * busyCpuMs / 1000 / watchedWall) / (Percent(InspectBench.Load.Watched) - Percent(InspectBench.Load.Baseline)):0}% of the daemon's CPU above baseline |");
        Line($"| GET /inspection once a second (polled) | {inspection.Sum / N / polledWall:0.000} | - | {inspection.Count} requests: median {inspection.Median:0.00} ms, "
            + $"p95 {inspection.P95:0.00} ms, max {inspection.Max:0.00} ms |");
        md.AppendLine();
        Line($"Change-stream ticks outside the watched phases (nobody subscribed): {otherBusy:0.0} ms in all. Daemon RSS at the end of each phase: "
            + string.Join(", ", Load.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Load.ToString().ToLowerInvariant()} {p.DaemonRssKib / 1024.0:0.0}")))
            + " MiB.");
        md.AppendLine();

        Line($"**Change -> event at a daemon-side subscriber** ({N} sandboxes watched; t0 when the exec call returned, t1 when the event "
            + $"arrived at the runner's `WatchAsync`; {Events.FileMs.Count} samples each after 3 warm-ups, walking over the sandboxes, 250-750 ms apart):");
        md.AppendLine();
        md.AppendLine("| change | event | median ms | p95 ms | min ms | max ms | n |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        Row(md, "exec `touch /root/...`", "files, naming the path", Events.FileMs);
        Row(md, "exec `sleep 100`", "processes, naming its host pid", Events.ProcessMs);
        Row(md, "(diagnostic) exec `touch` returned", "the touch's exit known (POST .../wait answered)", Events.TouchExitMs);
        md.AppendLine();

        Line($"**Change -> screen** (one lab page in chromium, {Screen.ScreenMs.Count} samples after 3 warm-ups while the {N} daemon-side "
            + "subscribers keep watching: exec `touch /root/...` into the page's sandbox through the API, t0 when the exec call returned; "
            + "ratios against the daemon-only files event above):");
        md.AppendLine();
        md.AppendLine("| until | median ms | p95 ms | min ms | max ms | n | median / daemon event | p95 / daemon event |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        ScreenRow(md, "the overlay panel shows the path (Playwright's WaitForSelector returned)", Screen.ScreenMs);
        ScreenRow(md, "(diagnostic) the element is in the page's DOM (MutationObserver; page and runner wall clocks)", Screen.DomMs);
        ScreenRow(md, "(diagnostic) the files event at a daemon-side subscriber of the same sandbox", Screen.EventMs);
        md.AppendLine();
        md.AppendLine("Where the time after the daemon's event goes (per sample, from the files event at the daemon-side subscriber of the page's sandbox):");
        md.AppendLine();
        md.AppendLine("| from the daemon's files event until | median ms | p95 ms | min ms | max ms | n |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (until, s) in new[]
        {
            ("the element is in the DOM (the web reads the event and the inspection, renders, sends the batch; the page applies it)", Screen.EventToDomMs),
            ("Playwright's WaitForSelector returned (its polling and the CDP round trip added)", Screen.EventToScreenMs),
        })
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {until} | {s.Median:0.0} | {s.P95:0.0} | {s.Min:0.0} | {s.Max:0.0} | {s.Count} |"));
        md.AppendLine();
        Line($"Target: p95 change -> screen under 1 s. {Screen.ScreenMs.P95:0} ms: " + (Screen.ScreenMs.P95 < 1000 ? "**met**." : "**not met**."));
        md.AppendLine();

        var open = Web.Phases.Where(p => p.Open).ToList();
        var closed = Web.Phases.Where(p => !p.Open).ToList();
        double Pct(IEnumerable<PagePhase> phases, Func<PagePhase, double> cpu) => 100 * phases.Sum(cpu) / phases.Sum(p => p.WallSeconds);
        int pages = Web.Pages.Count;
        double webOpen = Pct(open, p => p.WebCpuSeconds), webClosed = Pct(closed, p => p.WebCpuSeconds);
        double daemonOpen = Pct(open, p => p.DaemonCpuSeconds), daemonClosed = Pct(closed, p => p.DaemonCpuSeconds);
        Line($"**Web CPU per open lab page** ({pages} idle lab pages, one session each, open, then navigated to about:blank (sessions kept, "
            + $"circuits ended: the daemon stopped watching their sandboxes after a median {Web.CircuitEndMs.Median:0} ms), "
            + $"{Options.Rounds} rounds of {Options.PhaseSeconds} s each, rotated; the {N} daemon-side subscribers keep watching throughout):");
        md.AppendLine();
        md.AppendLine("| pages | wall s | ContainerLab.Web, % of one core | containerlabd, % of one core | sandboxes watched |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        Line($"| {pages} open | {open.Sum(p => p.WallSeconds):0.0} | {webOpen:0.00} | {daemonOpen:0.00} | {open[0].Watched} |");
        Line($"| closed | {closed.Sum(p => p.WallSeconds):0.0} | {webClosed:0.00} | {daemonClosed:0.00} | {closed[0].Watched} |");
        md.AppendLine();
        Line($"Per open page: web {(webOpen - webClosed) / pages:0.000}% of a core, containerlabd {(daemonOpen - daemonClosed) / pages:0.000}% "
            + $"(the daemon-only figure per watched sandbox above: {watched:0.000}%).");
        return md.ToString();
    }

    private static void Row(StringBuilder md, string change, string arrival, Samples s) =>
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {change} | {arrival} | {s.Median:0.0} | {s.P95:0.0} | {s.Min:0.0} | {s.Max:0.0} | {s.Count} |"));

    private void ScreenRow(StringBuilder md, string until, Samples s) =>
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {until} | {s.Median:0.0} | {s.P95:0.0} | {s.Min:0.0} | {s.Max:0.0} | {s.Count} | {s.Median / Events.FileMs.Median:0.00} | {s.P95 / Events.FileMs.P95:0.00} |"));

    private static string Machine()
    {
        string kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "cpu";
        long memKib = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} x {cpu}, {memKib / 1024.0 / 1024:0} GiB, kernel {kernel}, .NET {Environment.Version}");
    }
}
