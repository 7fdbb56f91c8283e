using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Limits;

/// <summary>
/// Memory, CPUs, pids and disk of one node or one session: the limits the web gives and bounds. A missing ceiling is
/// the largest value of its type (<see cref="Unbounded"/>), so that combining ceilings is a plain minimum.
/// </summary>
public sealed record LimitValues(long MemoryBytes, double Cpus, long Pids, long DiskBytes)
{
    public const long MiB = 1L << 20;

    /// <summary>No ceiling: an empty setting, or a daemon too old to report its bounds in GET /v1/info.</summary>
    public static LimitValues Unbounded { get; } = new(long.MaxValue, double.PositiveInfinity, long.MaxValue, long.MaxValue);

    /// <summary>Nothing: the start of a sum.</summary>
    public static LimitValues Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The values of a daemon's <see cref="LimitsDto"/> (bytes, cores, counts); fields it leaves out come from <paramref name="fallback"/>.</summary>
    public static LimitValues From(LimitsDto? limits, LimitValues fallback) => new(
        limits?.MemoryBytes ?? fallback.MemoryBytes, limits?.Cpus ?? fallback.Cpus, limits?.Pids ?? fallback.Pids, limits?.DiskBytes ?? fallback.DiskBytes);

    public LimitValues Min(LimitValues other) => new(
        Math.Min(MemoryBytes, other.MemoryBytes), Math.Min(Cpus, other.Cpus), Math.Min(Pids, other.Pids), Math.Min(DiskBytes, other.DiskBytes));

    public LimitValues Plus(LimitValues other) => new(
        MemoryBytes + other.MemoryBytes, Cpus + other.Cpus, Pids + other.Pids, DiskBytes + other.DiskBytes);
}
