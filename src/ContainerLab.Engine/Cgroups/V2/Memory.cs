namespace ContainerLab.Engine.Cgroups.V2;

/// <summary>The v2 memory controller (Documentation/admin-guide/cgroup-v2.rst "Memory").</summary>
internal static class Memory
{
    public const string Name = "memory";

    /// <summary>The hard limit, in bytes rounded down to whole pages by the kernel (page_counter_memparse).</summary>
    public const string LimitFile = "memory.max";
    public const string UsageFile = "memory.current";
    public const string EventsFile = "memory.events";

    public static MemoryStats ReadStats(string directory) => new(
        UsageBytes: CgroupFile.ReadNumber(Path.Combine(directory, UsageFile)),
        LimitBytes: CgroupFile.ReadLimit(Path.Combine(directory, LimitFile)),
        // memory.peak exists since kernel 5.19.
        PeakBytes: CgroupFile.ReadNumber(Path.Combine(directory, "memory.peak")),
        // memory.events counts this cgroup and its descendants (unless mounted with memory_localevents).
        OomKills: CgroupFile.ReadKeyed(Path.Combine(directory, EventsFile)).GetValueOrDefault("oom_kill"));

    public static CgroupLimitFile ReadLimit(string directory) => CgroupLimitFile.Read(directory, LimitFile);
}
