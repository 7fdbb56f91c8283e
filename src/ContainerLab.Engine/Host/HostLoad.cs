using System.Globalization;
using ContainerLab.Engine.Cgroups;

namespace ContainerLab.Engine.Host;

/// <summary>
/// How busy the machine is now, as the kernel counts it, and how much of that is this daemon's sandboxes (its parent
/// cgroup, whose counters include every sandbox below it). CPU figures are cumulative seconds: a client takes two
/// readings and divides their difference by the time between them.
/// </summary>
/// <param name="MemoryAvailableBytes">MemAvailable of /proc/meminfo: what can be given out without swapping.</param>
/// <param name="CpuBusySeconds">Every CPU's non-idle time since boot (/proc/stat, idle and iowait left out).</param>
/// <param name="CpuTotalSeconds">Every CPU's time since boot (busy and idle).</param>
/// <param name="SandboxMemoryBytes">The parent cgroup's memory use (page cache included, as the kernel charges it).</param>
/// <param name="SandboxCpuSeconds">The parent cgroup's CPU time (cpuacct.usage on v1, cpu.stat usage_usec on v2).</param>
public sealed record HostLoad(int Cores, long MemoryTotalBytes, long MemoryAvailableBytes, double Load1, double Load5, double Load15,
    double CpuBusySeconds, double CpuTotalSeconds, long? SandboxMemoryBytes, double? SandboxCpuSeconds)
{
    /// <summary>The kernel's clock ticks per second in /proc/stat (USER_HZ, 100 on every Linux architecture we run on).</summary>
    private const double UserHz = 100;

    /// <param name="sandboxes">The daemon's parent cgroup's counters (it holds every sandbox).</param>
    public static HostLoad Measure(CgroupStats sandboxes, string proc = "/proc")
    {
        var memory = Meminfo(Path.Combine(proc, "meminfo"));
        string[] load = File.ReadAllText(Path.Combine(proc, "loadavg")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (load.Length < 3)
            throw new InvalidDataException($"parse {proc}/loadavg: '{string.Join(' ', load)}'");
        var (busy, total) = Cpu(Path.Combine(proc, "stat"));
        return new HostLoad(Environment.ProcessorCount, memory["MemTotal"], memory.GetValueOrDefault("MemAvailable", memory.GetValueOrDefault("MemFree")),
            Number(load[0]), Number(load[1]), Number(load[2]), busy / UserHz, total / UserHz,
            sandboxes.Memory.UsageBytes, sandboxes.Cpu.UsageNanoseconds / 1e9);
    }

    /// <summary>"MemTotal:  24564000 kB" lines (the kernel's kB are KiB), in bytes by name.</summary>
    internal static Dictionary<string, long> Meminfo(string path)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 3 && fields[2] == "kB" && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                values[fields[0].TrimEnd(':')] = kib * 1024;
        }
        if (!values.ContainsKey("MemTotal"))
            throw new InvalidDataException($"parse {path}: no MemTotal line");
        return values;
    }

    /// <summary>The "cpu" line: user nice system idle iowait irq softirq steal (guest time is already in user).</summary>
    internal static (double Busy, double Total) Cpu(string path)
    {
        string first = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"parse {path}: no cpu line");
        var ticks = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => double.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        if (ticks.Length < 5)
            throw new InvalidDataException($"parse {path}: '{first}'");
        double total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
