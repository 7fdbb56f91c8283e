using System.Globalization;

namespace ContainerLab.Engine.Host;

/// <summary>The size of the machine, from which the default limit ceilings are derived.</summary>
/// <param name="Cores">CPUs this process may run on (sched_getaffinity, as <see cref="Environment.ProcessorCount"/>).</param>
/// <param name="MemoryBytes">MemTotal of /proc/meminfo: RAM the kernel manages, whatever cgroup the daemon sits in.</param>
public sealed record HostCapacity(int Cores, long MemoryBytes)
{
    public static HostCapacity Measure(string meminfo = "/proc/meminfo") =>
        new(Environment.ProcessorCount, ReadMemTotal(meminfo));

    /// <summary>"MemTotal:       24564000 kB" (the kernel's kB are KiB).</summary>
    internal static long ReadMemTotal(string meminfo)
    {
        foreach (string line in File.ReadLines(meminfo))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
                continue;
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 3 && fields[2] == "kB" && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kib))
                return kib * 1024;
            throw new InvalidDataException($"parse {meminfo}: unexpected line '{line}'");
        }
        throw new InvalidDataException($"parse {meminfo}: no MemTotal line");
    }
}
