namespace ContainerLab.Engine.Cgroups;

/// <summary>A snapshot of one cgroup's controllers. Null means "not available" or, for limits, "unlimited".</summary>
public sealed record CgroupStats(MemoryStats Memory, PidsStats Pids, CpuStats Cpu);

/// <param name="UsageBytes">v1 memory.usage_in_bytes; v2 memory.current.</param>
/// <param name="LimitBytes">v1 memory.limit_in_bytes; v2 memory.max. Null when unlimited.</param>
/// <param name="PeakBytes">v1 memory.max_usage_in_bytes; v2 memory.peak (kernel 5.19+).</param>
/// <param name="OomKills">v1 memory.oom_control oom_kill; v2 memory.events oom_kill.</param>
public sealed record MemoryStats(long? UsageBytes, long? LimitBytes, long? PeakBytes, long OomKills)
{
    public static MemoryStats Unavailable { get; } = new(null, null, null, 0);
}

/// <param name="Current">pids.current.</param>
/// <param name="Limit">pids.max; null when "max".</param>
/// <param name="LimitHits">pids.events "max": how many forks pids.max refused.</param>
public sealed record PidsStats(long? Current, long? Limit, long LimitHits)
{
    public static PidsStats Unavailable { get; } = new(null, null, 0);
}

/// <param name="UsageNanoseconds">v1 cpuacct.usage; v2 cpu.stat usage_usec * 1000.</param>
/// <param name="QuotaMicroseconds">v1 cpu.cfs_quota_us; v2 first field of cpu.max. Null when unlimited.</param>
/// <param name="PeriodMicroseconds">v1 cpu.cfs_period_us; v2 second field of cpu.max.</param>
/// <param name="ThrottledPeriods">cpu.stat nr_throttled.</param>
/// <param name="ThrottledNanoseconds">v1 cpu.stat throttled_time; v2 throttled_usec * 1000.</param>
public sealed record CpuStats(
    long? UsageNanoseconds, long? QuotaMicroseconds, long? PeriodMicroseconds, long ThrottledPeriods, long ThrottledNanoseconds)
{
    public static CpuStats Unavailable { get; } = new(null, null, null, 0, 0);

    /// <summary>The bandwidth limit in cores (quota / period); null when unlimited.</summary>
    public double? Cpus => QuotaMicroseconds is long quota && PeriodMicroseconds is long period && period > 0
        ? (double)quota / period
        : null;
}
