namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// The one limit model: what a sandbox gets, what a server allows (<see cref="LimitBounds"/> is made of these), what
/// config.json says at create and what the runtime's `update` writes later. Memory has no swap; disk is the writable
/// layer's size.
/// </summary>
public sealed record SandboxLimits
{
    public const long MiB = 1024 * 1024;

    /// <summary>
    /// The CFS period, create and update alike: the kernel's default (100 ms, Documentation/scheduler/sched-bwc.rst),
    /// which runc and crun use too. A sandbox gets <see cref="Cpus"/> times this much CPU time per period.
    /// </summary>
    public const long CpuPeriodMicroseconds = 100_000;

    public long MemoryBytes { get; init; } = 256 * MiB;
    public int Pids { get; init; } = 256;
    /// <summary>CPU bandwidth in cores (cfs quota / period).</summary>
    public double Cpus { get; init; } = 1.0;
    /// <summary>Size of the writable layer (upper dir).</summary>
    public long DiskBytes { get; init; } = 256 * MiB;
    /// <summary>Inode count of the writable layer.</summary>
    public long DiskInodes { get; init; } = 65536;
    /// <summary>RLIMIT_NOFILE, soft and hard.</summary>
    public int OpenFiles { get; init; } = 1024;

    /// <summary>
    /// <see cref="Cpus"/> as a CFS quota per <see cref="CpuPeriodMicroseconds"/>, to the nearest microsecond. The kernel
    /// refuses a quota under 1 ms (min_cfs_quota_period in kernel/sched/core.c); the floor of 0.05 cores keeps every
    /// accepted value at 5 ms or more. Absurd values are clamped (to a billion cores) so that they compare, and are
    /// refused, as numbers rather than overflow.
    /// </summary>
    public long CpuQuotaMicroseconds =>
        (long)Math.Clamp(Math.Round(Cpus * CpuPeriodMicroseconds, MidpointRounding.AwayFromZero), -MaxQuota, MaxQuota);

    private const double MaxQuota = 1e9 * CpuPeriodMicroseconds;

    public static SandboxLimits Default { get; } = new();
}
