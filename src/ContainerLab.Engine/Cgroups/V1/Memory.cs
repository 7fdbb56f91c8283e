namespace ContainerLab.Engine.Cgroups.V1;

/// <summary>The v1 memory controller (Documentation/admin-guide/cgroup-v1/memory.rst).</summary>
internal static class Memory
{
    public const string Name = "memory";

    public static MemoryStats ReadStats(string? directory)
    {
        if (directory is null)
            return MemoryStats.Unavailable;
        return new MemoryStats(
            UsageBytes: CgroupFile.ReadNumber(Path.Combine(directory, "memory.usage_in_bytes")),
            LimitBytes: CgroupFile.ReadLimit(Path.Combine(directory, "memory.limit_in_bytes")),
            PeakBytes: CgroupFile.ReadNumber(Path.Combine(directory, "memory.max_usage_in_bytes")),
            // oom_kill in memory.oom_control since kernel 4.13.
            OomKills: CgroupFile.ReadKeyed(Path.Combine(directory, "memory.oom_control")).GetValueOrDefault("oom_kill"));
    }

    /// <summary>
    /// Sets the memory limit and forbids swap by setting memory+swap (memsw) to the same value. The kernel keeps
    /// memory.limit_in_bytes &lt;= memory.memsw.limit_in_bytes at every write (mem_cgroup_resize_max returns
    /// EINVAL otherwise), so a raise writes memsw first and a lowering writes memory first (as runc's setMemoryAndSwap).
    /// </summary>
    public static void SetLimit(ICgroupKernel kernel, string directory, long bytes)
    {
        string memory = Path.Combine(directory, "memory.limit_in_bytes");
        string memorySwap = Path.Combine(directory, "memory.memsw.limit_in_bytes");
        string value = CgroupFile.Format(bytes);

        // Without swap accounting (CONFIG_MEMCG_SWAP off or swapaccount=0) there is no memsw file: no swap to limit.
        if (!File.Exists(memorySwap))
        {
            kernel.WriteFile(memory, value);
            return;
        }

        // null = unlimited, which any new value lowers.
        bool raising = CgroupFile.ReadLimit(memory) is long current && bytes > current;
        if (raising)
        {
            kernel.WriteFile(memorySwap, value);
            kernel.WriteFile(memory, value);
        }
        else
        {
            kernel.WriteFile(memory, value);
            kernel.WriteFile(memorySwap, value);
        }
    }
}
