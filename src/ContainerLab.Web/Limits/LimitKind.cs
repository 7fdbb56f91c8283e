using System.Globalization;

namespace ContainerLab.Web.Limits;

/// <summary>
/// One of the limits the web bounds: how to read it from <see cref="LimitValues"/>, the settings that name it, and how
/// to say a value of it to a person (memory and disk in MiB, which is what the limit controls take).
/// </summary>
public sealed class LimitKind
{
    public static readonly LimitKind Memory = new("memory", "Memory", nameof(Sessions.WebOptions.NodeMemoryBytes),
        v => v.MemoryBytes, (v, x) => v with { MemoryBytes = (long)x }, Mib);
    public static readonly LimitKind Cpus = new("cpus", "Cpus", nameof(Sessions.WebOptions.NodeCpus),
        v => v.Cpus, (v, x) => v with { Cpus = x }, x => string.Create(CultureInfo.InvariantCulture, $"{x:0.##} {(x > 1 ? "CPUs" : "CPU")}"));
    public static readonly LimitKind Pids = new("pids", "Pids", nameof(Sessions.WebOptions.NodePids),
        v => v.Pids, (v, x) => v with { Pids = (long)x }, x => string.Create(CultureInfo.InvariantCulture, $"{x:0} pids"));
    public static readonly LimitKind Disk = new("disk", "Disk", nameof(Sessions.WebOptions.NodeDiskBytes),
        v => v.DiskBytes, (v, x) => v with { DiskBytes = (long)x }, Mib);

    public static IReadOnlyList<LimitKind> All { get; } = [Memory, Cpus, Pids, Disk];

    private readonly Func<LimitValues, double> _read;
    private readonly Func<LimitValues, double, LimitValues> _with;
    private readonly Func<double, string> _format;

    private LimitKind(string name, string settingSuffix, string defaultSetting, Func<LimitValues, double> read,
        Func<LimitValues, double, LimitValues> with, Func<double, string> format)
    {
        Name = name;
        NodeSetting = $"{Sessions.WebOptions.Section}:MaxNode{settingSuffix}";
        SessionSetting = $"{Sessions.WebOptions.Section}:MaxSession{settingSuffix}";
        DefaultSetting = $"{Sessions.WebOptions.Section}:{defaultSetting}";
        _read = read;
        _with = with;
        _format = format;
    }

    /// <summary>As the daemon names it in its refusals: "memory", "cpus", "pids", "disk".</summary>
    public string Name { get; }
    /// <summary>The web's per-node ceiling setting, e.g. "ContainerLab:MaxNodeMemory".</summary>
    public string NodeSetting { get; }
    public string SessionSetting { get; }
    /// <summary>What a new node gets, e.g. "ContainerLab:NodeMemoryBytes".</summary>
    public string DefaultSetting { get; }

    public double Read(LimitValues values) => _read(values);
    public LimitValues With(LimitValues values, double value) => _with(values, value);

    /// <summary>"384 MiB", "1.5 CPU", "256 pids".</summary>
    public string Format(double value) => _format(value);

    public override string ToString() => Name;

    private static string Mib(double bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / LimitValues.MiB:0.##} MiB");
}
