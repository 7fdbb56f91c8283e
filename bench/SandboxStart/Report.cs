using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ContainerLab.Bench.SandboxStart;

/// <summary>The result as Markdown (printed, and pasted into docs/PERFORMANCE.md).</summary>
internal sealed class Report
{
    public required IReadOnlyList<Contender> Contenders { get; init; }
    public required Contender Baseline { get; init; }
    public required Contender Ours { get; init; }
    public required Samples AliveCreates { get; init; }
    public required StepBreakdown Steps { get; init; }
    public required StepBreakdown AliveSteps { get; init; }
    public required Samples Removes { get; init; }
    public required string EngineRuntime { get; init; }
    public required int Runs { get; init; }
    public required int Warmups { get; init; }
    public required int Alive { get; init; }
    public required long RssFreshKib { get; init; }
    public required long RssIdleKib { get; init; }
    public required long RssAliveKib { get; init; }
    public required long RssAfterKib { get; init; }
    public long? CgroupAliveBytes { get; init; }
    public required string Machine { get; init; }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"Machine: {Machine}. Engine runtime: {EngineRuntime}. {Runs} runs per row after {Warmups} warm-ups, interleaved round by round."));
        md.AppendLine();
        md.AppendLine("| contender | what is timed | median ms | p95 ms | min ms | max ms | median / bare crun |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in Contenders)
            Row(md, (c.Diagnostic ? "(diagnostic) " : "") + c.Name, c.Measures, c.Samples);
        Row(md, $"(diagnostic) {AliveCreates.Name}", $"creates 1..{Alive} while all stay alive", AliveCreates);
        md.AppendLine();
        double ratio = Ours.Samples.Median / Baseline.Samples.Median;
        md.AppendLine(Invariant($"Target: median within 2x of bare crun and under 30 ms. Measured: {Ours.Samples.Median:0.0} ms, {ratio:0.00}x bare crun ({Baseline.Samples.Median:0.0} ms): ")
            + (ratio <= 2 && Ours.Samples.Median < 30 ? "**met**." : "**not met**."));
        md.AppendLine();
        md.AppendLine(Invariant($"Daemon's own steps (SandboxDto.Startup), per step over the {Runs} timed API runs:"));
        md.AppendLine();
        Breakdown(md, Steps);
        md.AppendLine();
        md.AppendLine(Invariant($"The same for the {Alive} creates kept alive (fresh id ranges):"));
        md.AppendLine();
        Breakdown(md, AliveSteps);
        md.AppendLine();
        md.AppendLine(Invariant($"Remove (force) through the API, not part of the start time: median {Removes.Median:0.0} ms, p95 {Removes.P95:0.0} ms."));
        md.AppendLine();
        md.AppendLine("Memory (daemon VmRSS from /proc/PID/status):");
        md.AppendLine();
        md.AppendLine("| state | daemon RSS MiB |");
        md.AppendLine("| --- | ---: |");
        md.AppendLine(Invariant($"| just started (busybox image built) | {RssFreshKib / 1024.0:0.0} |"));
        md.AppendLine(Invariant($"| idle after the timed runs | {RssIdleKib / 1024.0:0.0} |"));
        md.AppendLine(Invariant($"| {Alive} sandboxes alive | {RssAliveKib / 1024.0:0.0} |"));
        md.AppendLine(Invariant($"| after removing them | {RssAfterKib / 1024.0:0.0} |"));
        md.AppendLine();
        md.AppendLine(Invariant($"Daemon RSS per live sandbox: {(RssAliveKib - RssIdleKib) / (double)Alive:0} KiB ((alive - idle) / {Alive}). ")
            + "A bare `crun run -d` leaves no process of its own behind (the runtime exits; the container's init is reparented), "
            + "and neither does containerlab: no shim or conmon per sandbox, the daemon itself holds the pipes and pidfds.");
        if (CgroupAliveBytes is { } charged)
            md.AppendLine(Invariant($"Memory charged to the sandboxes' own cgroups (their processes, their disks' page cache, kernel objects): {charged / (double)Alive / 1024:0} KiB per sandbox."));
        return md.ToString();
    }

    public static string DescribeMachine(string crun, string? runc)
    {
        string kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        return Invariant($"{Environment.ProcessorCount} CPUs, kernel {kernel}, {FirstLine(crun, "--version")}, ")
            + (runc is null ? "no runc" : FirstLine(runc, "--version"));
    }

    private void Row(StringBuilder md, string name, string measures, Samples s) =>
        md.AppendLine(Invariant($"| {name} | {measures} | {s.Median:0.0} | {s.P95:0.0} | {s.Min:0.0} | {s.Max:0.0} | {s.Median / Baseline.Samples.Median:0.00} |"));

    private static void Breakdown(StringBuilder md, StepBreakdown steps)
    {
        md.AppendLine("| step | median ms | p95 ms |");
        md.AppendLine("| --- | ---: | ---: |");
        foreach (var (name, median, p95) in steps.Medians())
            md.AppendLine(Invariant($"| {name} | {median:0.00} | {p95:0.00} |"));
    }

    private static string FirstLine(string executable, string arg)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, [arg]) { RedirectStandardOutput = true })!;
        string first = process.StandardOutput.ReadLine() ?? executable;
        process.WaitForExit();
        return first.Trim();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
