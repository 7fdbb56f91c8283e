using System.Globalization;

namespace ContainerLab.TestSupport;

/// <summary>A sandbox's limits as the kernel holds them: read from its cgroup files, v1 or v2.</summary>
public static class SandboxCgroupFiles
{
    /// <summary>The sandbox's cgroup directory for a controller: the v1 hierarchy when mounted, else the unified tree.</summary>
    public static string CgroupDirectory(string controller, string cgroupPath) =>
        Directory.Exists($"/sys/fs/cgroup/{controller}") ? $"/sys/fs/cgroup/{controller}{cgroupPath}" : "/sys/fs/cgroup" + cgroupPath;

    public static string ReadCgroupFile(string controller, string cgroupPath, string file) =>
        File.ReadAllText(Path.Combine(CgroupDirectory(controller, cgroupPath), file)).Trim();

    public static bool IsV1(string controller) => Directory.Exists($"/sys/fs/cgroup/{controller}");

    public static long MemoryLimit(string cgroupPath) => long.Parse(
        ReadCgroupFile("memory", cgroupPath, IsV1("memory") ? "memory.limit_in_bytes" : "memory.max"), CultureInfo.InvariantCulture);

    /// <summary>v1 memsw (memory + swap); null on v2 or without swap accounting.</summary>
    public static long? MemorySwapLimit(string cgroupPath)
    {
        string path = Path.Combine(CgroupDirectory("memory", cgroupPath), "memory.memsw.limit_in_bytes");
        return IsV1("memory") && File.Exists(path) ? long.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture) : null;
    }

    /// <summary>CFS quota in microseconds per 100 ms period: v1 cpu.cfs_quota_us, v2 first field of cpu.max.</summary>
    public static long CpuQuota(string cgroupPath) => long.Parse(IsV1("cpu")
        ? ReadCgroupFile("cpu", cgroupPath, "cpu.cfs_quota_us")
        : ReadCgroupFile("cpu", cgroupPath, "cpu.max").Split(' ')[0], CultureInfo.InvariantCulture);
}
