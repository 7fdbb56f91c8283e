namespace ContainerLab.Engine.Cgroups.V1;

/// <summary>The v1 memory controller (Documentation/admin-guide/cgroup-v1/memory.rst).</summary>
internal static class Memory
{
    public const string Name = "memory";

    /// <summary>The hard limit, in bytes rounded down to whole pages by the kernel (page_counter_memparse).</summary>
    public const string LimitFile = "memory.limit_in_bytes";
    public const string UsageFile = "memory.usage_in_bytes";
    public const string OomControlFile = "memory.oom_control";

    public static MemoryStats ReadStats(string? directory)
    {
        if (directory is null)
            return MemoryStats.Unavailable;
        return new MemoryStats(
            UsageBytes: CgroupFile.ReadNumber(Path.Combine(directory, UsageFile)),
            LimitBytes: CgroupFile.ReadLimit(Path.Combine(directory, LimitFile)),
            PeakBytes: CgroupFile.ReadNumber(Path.Combine(directory, "memory.max_usage_in_bytes")),
            // oom_kill in memory.oom_control since kernel 4.13.
            OomKills: CgroupFile.ReadKeyed(Path.Combine(directory, OomControlFile)).GetValueOrDefault("oom_kill"));
    }

    public static CgroupLimitFile ReadLimit(string? directory) => CgroupLimitFile.Read(directory, LimitFile);
}
