using System.Globalization;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>What a limit counts, so a message can name it in the caller's unit.</summary>
public enum LimitUnit
{
    Bytes,
    /// <summary>Read as CFS quota microseconds per <see cref="SandboxLimits.CpuPeriodMicroseconds"/>, shown as cores.</summary>
    Cores,
    Count,
}

/// <summary>
/// One field of <see cref="SandboxLimits"/>, named as the API names it, read as a whole number so that a session's
/// total is exact: CPUs are compared as the quota the kernel gets, not as floating-point cores.
/// </summary>
public sealed record LimitKind(string Name, LimitUnit Unit, bool SummedPerSession, Func<SandboxLimits, long> Read)
{
    public static LimitKind Memory { get; } = new("memory", LimitUnit.Bytes, true, l => l.MemoryBytes);
    public static LimitKind Cpus { get; } = new("cpus", LimitUnit.Cores, true, l => l.CpuQuotaMicroseconds);
    public static LimitKind Pids { get; } = new("pids", LimitUnit.Count, true, l => l.Pids);
    public static LimitKind Disk { get; } = new("disk", LimitUnit.Bytes, true, l => l.DiskBytes);
    public static LimitKind DiskInodes { get; } = new("disk inodes", LimitUnit.Count, false, l => l.DiskInodes);
    public static LimitKind OpenFiles { get; } = new("open files", LimitUnit.Count, false, l => l.OpenFiles);

    public static IReadOnlyList<LimitKind> All { get; } = [Memory, Cpus, Pids, Disk, DiskInodes, OpenFiles];

    /// <summary>The engine's own wording when the caller's unit is unknown: whole MiB where exact, cores, counts.</summary>
    public string Format(long value) => Unit switch
    {
        LimitUnit.Bytes when value % SandboxLimits.MiB == 0 => string.Create(CultureInfo.InvariantCulture, $"{value / SandboxLimits.MiB} MiB"),
        LimitUnit.Bytes => string.Create(CultureInfo.InvariantCulture, $"{value} bytes"),
        LimitUnit.Cores => FormatCores(value),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    public static string FormatCores(long quotaMicroseconds) =>
        ((double)quotaMicroseconds / SandboxLimits.CpuPeriodMicroseconds).ToString("0.#####", CultureInfo.InvariantCulture);

    public override string ToString() => Name;
}
