using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Cgroups;

/// <summary>Limits to change on a live cgroup; null fields are left as they are.</summary>
/// <param name="MemoryBytes">Memory limit; swap is forbidden along with it (v1 memsw = memory, v2 swap.max = 0).</param>
/// <param name="Pids">pids.max.</param>
/// <param name="Cpus">CPU bandwidth in cores: quota = Cpus * <see cref="CpuPeriodMicroseconds"/>.</param>
public sealed record CgroupLimitUpdate(long? MemoryBytes = null, long? Pids = null, double? Cpus = null)
{
    /// <summary>The kernel's default CFS period (100 ms), used by runc and crun too.</summary>
    public const long CpuPeriodMicroseconds = 100_000;

    /// <summary>The kernel refuses a CFS quota under 1 ms (min_cfs_quota_period in kernel/sched/core.c).</summary>
    public const long MinCpuQuotaMicroseconds = 1_000;

    internal long? CpuQuotaMicroseconds => Cpus is double cpus ? (long)Math.Round(cpus * CpuPeriodMicroseconds) : null;

    internal void Validate()
    {
        if (MemoryBytes is <= 0)
            throw new InvalidRequestException($"memory limit must be positive, got {MemoryBytes}");
        if (Pids is <= 0)
            throw new InvalidRequestException($"pids limit must be positive, got {Pids}");
        if (Cpus is double cpus && (double.IsNaN(cpus) || double.IsInfinity(cpus) || CpuQuotaMicroseconds < MinCpuQuotaMicroseconds))
            throw new InvalidRequestException(
                $"cpus must be at least {(double)MinCpuQuotaMicroseconds / CpuPeriodMicroseconds}, got {cpus}");
    }
}
