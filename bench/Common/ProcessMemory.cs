using System.Globalization;

namespace ContainerLab.Bench;

/// <summary>Memory figures read from procfs and the cgroup filesystem (v1 memory controller or v2).</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="pid"/> in KiB, from /proc/PID/status.</summary>
    public static long RssKib(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }

    /// <summary>Memory charged to a cgroup and its children (tmpfs pages, kernel objects, processes), or null.</summary>
    public static long? CgroupBytes(string cgroupPath)
    {
        foreach (string file in new[] { $"/sys/fs/cgroup/memory{cgroupPath}/memory.usage_in_bytes", $"/sys/fs/cgroup{cgroupPath}/memory.current" })
        {
            if (File.Exists(file))
                return long.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture);
        }
        return null;
    }
}
