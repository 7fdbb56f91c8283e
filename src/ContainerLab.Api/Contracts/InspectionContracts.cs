namespace ContainerLab.Api.Contracts;

/// <summary>GET /v1/sandboxes/{id}/inspection: the sandbox's kernel objects now (see the engine's SandboxInspection).</summary>
public sealed record InspectionDto(
    DateTimeOffset TakenAt,
    IReadOnlyList<InspectedProcessDto> Processes,
    IReadOnlyList<InspectedNamespaceDto> Namespaces,
    InspectedCgroupDto Cgroup,
    InspectedFilesystemDto Filesystem);

public sealed record InspectedProcessDto(
    int HostPid, int? SandboxPid, IReadOnlyList<int> NamespacePids, int HostParentPid, string Command, IReadOnlyList<string> Arguments,
    long Uid, long HostUid, IReadOnlyDictionary<string, ulong> Namespaces);

/// <summary>kind: pid, net, mnt, uts, ipc, user, cgroup or time.</summary>
public sealed record InspectedNamespaceDto(string Kind, ulong Inode, bool IsHost, bool IsSandboxInit, IReadOnlyList<int> HostPids);

public sealed record InspectedCgroupDto(
    string Path, long? MemoryLimitBytes, long? MemoryUsageBytes, long? MemoryPeakBytes, long OomKills,
    long? PidsLimit, long? PidsCurrent, long PidsLimitHits,
    double? CpuLimitCores, long? CpuUsageNanoseconds, long ThrottledPeriods, long ThrottledNanoseconds,
    CgroupFileNamesDto? FileNames = null);

/// <summary>
/// The kernel's names of the files behind a cgroup's figures, in the host's layout: layout "v2" (memory.max, cpu.max,
/// ...) or "v1" (memory.limit_in_bytes, cpu.cfs_quota_us, ...). The counters name their file and key
/// ("memory.events oom_kill").
/// </summary>
public sealed record CgroupFileNamesDto(
    string Layout, string MemoryLimit, string MemoryUsage, string OomKills, string PidsLimit, string PidsLimitHits, string CpuLimit, string Throttled)
{
    /// <summary>The v2 names: what most servers have, and what a daemon that sends none means.</summary>
    public static CgroupFileNamesDto V2 { get; } = new("v2", "memory.max", "memory.current", "memory.events oom_kill", "pids.max", "pids.events max", "cpu.max", "cpu.stat nr_throttled");
}

public sealed record InspectedFilesystemDto(IReadOnlyList<LayerDto> Layers, IReadOnlyList<FileChangeDto> Changes, bool ChangesTruncated);

/// <summary>kind: added, modified, deleted or opaque.</summary>
public sealed record FileChangeDto(string Path, string Kind, bool IsDirectory, long Size);
