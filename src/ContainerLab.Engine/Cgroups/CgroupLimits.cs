namespace ContainerLab.Engine.Cgroups;

/// <summary>
/// The memory, pids and CPU limits of one cgroup as its files say now: to show that a runtime's `update` landed, in
/// this hierarchy's own words. Null means unlimited or not there. <see cref="Files"/> are the files read, in that order.
/// </summary>
/// <param name="MemoryBytes">v1 memory.limit_in_bytes; v2 memory.max.</param>
/// <param name="Pids">pids.max.</param>
/// <param name="CpuQuotaMicroseconds">v1 cpu.cfs_quota_us; v2 first field of cpu.max.</param>
/// <param name="CpuPeriodMicroseconds">v1 cpu.cfs_period_us; v2 second field of cpu.max.</param>
public sealed record CgroupLimits(
    long? MemoryBytes, long? Pids, long? CpuQuotaMicroseconds, long? CpuPeriodMicroseconds, IReadOnlyList<CgroupLimitFile> Files)
{
    /// <summary>"memory.max = 50331648, pids.max = 128, cpu.max = 50000 100000" (v2), the values as the kernel wrote them.</summary>
    public override string ToString() => string.Join(", ", Files);
}

/// <summary>One limit file of a cgroup and its text as read (trimmed); null when the file or its controller is missing.</summary>
public sealed record CgroupLimitFile(string Path, string? Text)
{
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Reads <paramref name="name"/> in <paramref name="directory"/>; a controller the host lacks (null directory) reads as missing.</summary>
    internal static CgroupLimitFile Read(string? directory, string name)
    {
        string path = directory is null ? name : System.IO.Path.Combine(directory, name);
        return new CgroupLimitFile(path, directory is null ? null : CgroupFile.ReadOrNull(path)?.Trim());
    }

    /// <summary>The limit: null when missing, "max" (v2), -1 (v1 cfs quota) or PAGE_COUNTER_MAX (v1 memory).</summary>
    internal long? Limit => Text is null ? null : CgroupFile.ParseLimit(Text, Path);

    public override string ToString() => $"{Name} = {Text ?? "(missing)"}";
}
