using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>A usage bar: how much of a limit is used; <see cref="Fraction"/> is null when there is nothing to compare.</summary>
public sealed record UsageBar(string Name, string Used, string Limit, double? Fraction, string Explanation)
{
    /// <summary>The highest use the kernel has seen, as a fraction of the limit (memory.peak), when known.</summary>
    public double? PeakFraction { get; init; }
    public string? Peak { get; init; }
    /// <summary>Where the peak tick stands in percent, clamped like <see cref="Percent"/>.</summary>
    public double PeakPercent => PeakFraction is double f ? Math.Clamp(f * 100, 0, 100) : 0;
    public string Text => $"{Used} of {Limit}";
    /// <summary>The bar's fill in percent, clamped to 0..100 (usage can pass a limit briefly, e.g. memory before reclaim).</summary>
    public double Percent => Fraction is double f ? Math.Clamp(f * 100, 0, 100) : 0;
}

/// <summary>
/// The cgroup panel: the node's place in the hierarchy, memory, pids and CPU as gauges against their limits, each over
/// the last minute with the events the kernel caused at a limit, and the counters. Null = the file was absent.
/// </summary>
public sealed class CgroupModel
{
    public required string Path { get; init; }
    /// <summary>The kernel's file names in the host's layout (v2 "memory.max", v1 "memory.limit_in_bytes"), for every label.</summary>
    public required CgroupFileNamesDto Files { get; init; }
    public required CgroupTree Tree { get; init; }
    public required IReadOnlyList<CgroupTimeline> Timelines { get; init; }
    public required UsageBar Memory { get; init; }
    public required UsageBar Pids { get; init; }
    /// <summary>Cores used over the last second against the CPU limit (n/a before two readings of the change stream).</summary>
    public required UsageBar Cpu { get; init; }
    public required string CpuLimit { get; init; }
    /// <summary>CFS periods throttled in the last second: the sandbox wanted more CPU than its quota.</summary>
    public required string ThrottledLately { get; init; }
    /// <summary>The OOM killer struck within the flash window of the latest reading.</summary>
    public required bool OomFlash { get; init; }
    public required string OomKills { get; init; }
    public required string PidsLimitHits { get; init; }

    public static CgroupModel From(InspectionDto inspection, CgroupHistory? history = null, TimeSpan? oomFlash = null, string node = "the sandbox")
    {
        ArgumentNullException.ThrowIfNull(inspection);
        history ??= new CgroupHistory();
        var cgroup = inspection.Cgroup;
        var files = cgroup.FileNames ?? CgroupFileNamesDto.V2;
        return new CgroupModel
        {
            Path = cgroup.Path,
            Files = files,
            Tree = CgroupTree.From(cgroup.Path, node, BranchLimits(cgroup, files)),
            Timelines = CgroupTimeline.All(history, cgroup, node),
            Memory = Bar("memory", cgroup.MemoryUsageBytes, cgroup.MemoryLimitBytes, KernelText.Bytes,
                $"memory used by the sandbox's processes (incl. page cache, {files.MemoryUsage}) against {files.MemoryLimit}; over the limit the kernel reclaims, then kills (OOM)")
                with
                {
                    // memory.peak is the cgroup's high-water mark since it was made: a hog killed between two readings
                    // never shows in the usage, but its climb to the limit stays here.
                    PeakFraction = cgroup.MemoryPeakBytes is long p && cgroup.MemoryLimitBytes is long pl && pl > 0 ? (double)p / pl : null,
                    Peak = cgroup.MemoryPeakBytes is long pk ? KernelText.Bytes(pk) : null,
                },
            Pids = Bar("pids", cgroup.PidsCurrent, cgroup.PidsLimit, KernelText.Number,
                $"processes and threads in the sandbox against {files.PidsLimit}; at the limit fork() fails with EAGAIN"),
            Cpu = new UsageBar("CPU",
                history.CpuCores is double used ? Cores(used) : "n/a",
                cgroup.CpuLimitCores is double limit ? Cores(limit) : "unlimited",
                history.CpuCores is double u && cgroup.CpuLimitCores is double l && l > 0 ? u / l : null,
                $"CPU time used in the last second, in CPUs, against the CFS quota ({files.CpuLimit}); past it the sandbox waits (throttled)"),
            CpuLimit = cgroup.CpuLimitCores is double cores ? Cores(cores) : "unlimited",
            ThrottledLately = KernelText.Number(history.ThrottledLately),
            OomFlash = history.OomKilledWithin(oomFlash ?? TimeSpan.Zero) && oomFlash is not null,
            OomKills = KernelText.Number(cgroup.OomKills),
            PidsLimitHits = KernelText.Number(cgroup.PidsLimitHits),
        };
    }

    /// <summary>The node's limits as its cgroup files hold them, for its branch of the tree.</summary>
    private static IReadOnlyList<string> BranchLimits(InspectedCgroupDto cgroup, CgroupFileNamesDto files) =>
    [
        $"{files.MemoryLimit} {(cgroup.MemoryLimitBytes is long m ? KernelText.Bytes(m) : "max")}",
        $"{files.PidsLimit} {(cgroup.PidsLimit is long p ? KernelText.Number(p) : "max")}",
        $"{files.CpuLimit} {(cgroup.CpuLimitCores is double c ? Cores(c) : "max")}",
    ];

    private static string Cores(double cores) => $"{cores.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} CPU";

    private static UsageBar Bar(string name, long? used, long? limit, Func<long, string> format, string explanation) =>
        new(name,
            used is long u ? format(u) : "n/a",
            limit is long l ? format(l) : "unlimited",
            used is long uu && limit is long ll && ll > 0 ? (double)uu / ll : null,
            explanation);
}
