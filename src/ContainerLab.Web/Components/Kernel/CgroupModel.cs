using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>A usage bar: how much of a limit is used; <see cref="Fraction"/> is null when there is nothing to compare.</summary>
public sealed record UsageBar(string Name, string Used, string Limit, double? Fraction, string Explanation)
{
    public string Text => $"{Used} of {Limit}";
    /// <summary>The bar's fill in percent, clamped to 0..100 (usage can pass a limit briefly, e.g. memory before reclaim).</summary>
    public double Percent => Fraction is double f ? Math.Clamp(f * 100, 0, 100) : 0;
}

/// <summary>The cgroup panel: memory and pids against their limits, the CPU limit, OOM kills. Null = the file was absent.</summary>
public sealed class CgroupModel
{
    public required string Path { get; init; }
    public required UsageBar Memory { get; init; }
    public required UsageBar Pids { get; init; }
    public required string CpuLimit { get; init; }
    public required string OomKills { get; init; }
    public required string PidsLimitHits { get; init; }

    public static CgroupModel From(InspectionDto inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var cgroup = inspection.Cgroup;
        return new CgroupModel
        {
            Path = cgroup.Path,
            Memory = Bar("memory", cgroup.MemoryUsageBytes, cgroup.MemoryLimitBytes, KernelText.Bytes,
                "memory used by the sandbox's processes (incl. page cache) against memory.max; over the limit the kernel reclaims, then kills (OOM)"),
            Pids = Bar("pids", cgroup.PidsCurrent, cgroup.PidsLimit, KernelText.Number,
                "processes and threads in the sandbox against pids.max; at the limit fork() fails with EAGAIN"),
            CpuLimit = cgroup.CpuLimitCores is double cores
                ? $"{cores.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} CPU"
                : "unlimited",
            OomKills = KernelText.Number(cgroup.OomKills),
            PidsLimitHits = KernelText.Number(cgroup.PidsLimitHits),
        };
    }

    private static UsageBar Bar(string name, long? used, long? limit, Func<long, string> format, string explanation) =>
        new(name,
            used is long u ? format(u) : "n/a",
            limit is long l ? format(l) : "unlimited",
            used is long uu && limit is long ll && ll > 0 ? (double)uu / ll : null,
            explanation);
}
