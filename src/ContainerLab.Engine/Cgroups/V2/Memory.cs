namespace ContainerLab.Engine.Cgroups.V2;

/// <summary>The v2 memory controller (Documentation/admin-guide/cgroup-v2.rst "Memory").</summary>
internal static class Memory
{
    public const string Name = "memory";

    public static MemoryStats ReadStats(string directory) => new(
        UsageBytes: CgroupFile.ReadNumber(Path.Combine(directory, "memory.current")),
        LimitBytes: CgroupFile.ReadLimit(Path.Combine(directory, "memory.max")),
        // memory.peak exists since kernel 5.19.
        PeakBytes: CgroupFile.ReadNumber(Path.Combine(directory, "memory.peak")),
        // memory.events counts this cgroup and its descendants (unless mounted with memory_localevents).
        OomKills: CgroupFile.ReadKeyed(Path.Combine(directory, "memory.events")).GetValueOrDefault("oom_kill"));

    /// <summary>
    /// memory.max, then memory.swap.max = 0. Unlike v1's memsw, v2 limits swap on its own, so the two writes are
    /// independent and need no ordering.
    /// </summary>
    public static void SetLimit(ICgroupKernel kernel, string directory, long bytes)
    {
        kernel.WriteFile(Path.Combine(directory, "memory.max"), CgroupFile.Format(bytes));
        // No memory.swap.max without CONFIG_MEMCG_SWAP or with swapaccount=0: then there is no swap to forbid.
        string swap = Path.Combine(directory, "memory.swap.max");
        if (File.Exists(swap))
            kernel.WriteFile(swap, "0");
    }
}
