using System.Globalization;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>What the kernel did to the node because it reached a limit, as a counter that went up between readings.</summary>
public enum CgroupEventKind
{
    /// <summary>memory.events oom_kill: counts processes the OOM killer killed inside this cgroup because its memory.max could not be met by reclaim.</summary>
    OomKill,
    /// <summary>pids.events max: counts fork()/clone() calls the pids controller refused because pids.current was at pids.max.</summary>
    ForkRefused,
    /// <summary>cpu.stat nr_throttled: counts CFS periods in which the cgroup used up its cpu.max quota and was stopped until the next period.</summary>
    Throttled,
}

/// <summary>
/// One event on the timeline: from <see cref="Start"/> to <see cref="End"/> (the same reading for a single OOM kill; a run
/// of readings in which the counter kept rising is one event, so a busy loop throttled for a minute is one band, not 60
/// markers), <see cref="Count"/> the counter's rise, <see cref="Limit"/> the limit as it was then.
/// </summary>
public sealed record CgroupEvent(CgroupEventKind Kind, DateTimeOffset Start, DateTimeOffset End, long Count, string Limit)
{
    /// <summary>The timeline it belongs on.</summary>
    public string Resource => Kind switch
    {
        CgroupEventKind.OomKill => "memory",
        CgroupEventKind.ForkRefused => "pids",
        _ => "cpu",
    };

    /// <summary>Stable while the event grows (it keeps its start): the panel keeps it selected across readings.</summary>
    public string Key => $"{Kind}@{Start.UtcTicks.ToString(CultureInfo.InvariantCulture)}";

    public string Name => Kind switch
    {
        CgroupEventKind.OomKill => Count == 1 ? "OOM kill" : $"{Count.ToString(CultureInfo.InvariantCulture)} OOM kills",
        CgroupEventKind.ForkRefused => Count == 1 ? "fork refused" : $"{Count.ToString(CultureInfo.InvariantCulture)} forks refused",
        _ => $"throttled {Count.ToString(CultureInfo.InvariantCulture)} period{(Count == 1 ? "" : "s")}",
    };

    /// <summary>"at 08:01:02 UTC" or "08:01:02–08:01:09 UTC".</summary>
    public string When => End == Start ? $"at {Clock(Start)} UTC" : $"{Clock(Start)}–{Clock(End)} UTC";

    /// <summary>What happened and why, in the kernel's terms (<paramref name="files"/>: the host's layout), for the note the marker opens.</summary>
    public string Explain(string node, ContainerLab.Api.Contracts.CgroupFileNamesDto files) => Kind switch
    {
        CgroupEventKind.OomKill =>
            $"{Name} {When}: the kernel killed {(Count == 1 ? "a process" : $"{Count.ToString(CultureInfo.InvariantCulture)} processes")} because {node} reached {files.MemoryLimit} ({Limit}) and reclaim could not free enough; "
            + $"{(Count == 1 ? "the process" : "each")} got SIGKILL (a shell reports exit 137), the others kept running ({files.OomKills})",
        CgroupEventKind.ForkRefused =>
            $"{Name} {When}: {node} had {files.PidsLimit} ({Limit}) processes and threads, so fork() and clone() failed with EAGAIN "
            + $"(\"Resource temporarily unavailable\"); nothing was killed ({files.PidsLimitHits})",
        _ =>
            $"Throttled {When}: in {Count.ToString(CultureInfo.InvariantCulture)} CFS period{(Count == 1 ? "" : "s")} {node} used up "
            + $"its {files.CpuLimit} quota ({Limit}) and waited, runnable but not run, until the next period ({files.Throttled})",
    };

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
