namespace ContainerLab.Engine.Cgroups.V1;

/// <summary>
/// The v1 cpu controller (CFS bandwidth, Documentation/scheduler/sched-bwc.rst) with cpuacct for usage: two
/// controllers that are separate mounts here and one "cpu,cpuacct" mount on most distributions.
/// </summary>
internal static class Cpu
{
    public const string Name = "cpu";
    public const string AccountingName = "cpuacct";

    /// <summary>Microseconds the group may run per period, on all CPUs together; -1 for no limit.</summary>
    public const string QuotaFile = "cpu.cfs_quota_us";
    public const string PeriodFile = "cpu.cfs_period_us";
    public const string StatFile = "cpu.stat";

    public static CpuStats ReadStats(string? cpuDirectory, string? accountingDirectory)
    {
        IReadOnlyDictionary<string, long> stat = cpuDirectory is null
            ? new Dictionary<string, long>()
            : CgroupFile.ReadKeyed(Path.Combine(cpuDirectory, StatFile));
        return new CpuStats(
            UsageNanoseconds: accountingDirectory is null ? null : CgroupFile.ReadNumber(Path.Combine(accountingDirectory, "cpuacct.usage")),
            // -1 means no quota.
            QuotaMicroseconds: cpuDirectory is null ? null : CgroupFile.ReadLimit(Path.Combine(cpuDirectory, QuotaFile)),
            PeriodMicroseconds: cpuDirectory is null ? null : CgroupFile.ReadNumber(Path.Combine(cpuDirectory, PeriodFile)),
            ThrottledPeriods: stat.GetValueOrDefault("nr_throttled"),
            ThrottledNanoseconds: stat.GetValueOrDefault("throttled_time"));
    }

    public static (CgroupLimitFile Quota, CgroupLimitFile Period) ReadLimit(string? cpuDirectory) =>
        (CgroupLimitFile.Read(cpuDirectory, QuotaFile), CgroupLimitFile.Read(cpuDirectory, PeriodFile));
}
