namespace ContainerLab.Engine.Inspection;

/// <summary>
/// What the kernel says about one sandbox right now: its processes and their namespaces, its cgroup, its root
/// filesystem. Every figure comes from /proc, the cgroup files or the overlay directories, never from the spec.
/// </summary>
public sealed record SandboxInspection(
    DateTimeOffset TakenAt,
    IReadOnlyList<InspectedProcess> Processes,
    IReadOnlyList<InspectedNamespace> Namespaces,
    InspectedCgroup Cgroup,
    InspectedFilesystem Filesystem);

/// <summary>A process of the sandbox as the host and the sandbox see it.</summary>
/// <param name="HostPid">pid in the host's pid namespace.</param>
/// <param name="SandboxPid">pid in the sandbox's own pid namespace (NSpid's second field), null if not in it.</param>
/// <param name="NamespacePids">NSpid: the pid in each nested pid namespace, outermost first.</param>
/// <param name="Uid">uid inside the sandbox's user namespace.</param>
/// <param name="HostUid">the same uid as the host sees it (real uid in /proc/PID/status).</param>
public sealed record InspectedProcess(
    int HostPid, int? SandboxPid, IReadOnlyList<int> NamespacePids, int HostParentPid, string Command, IReadOnlyList<string> Arguments,
    long Uid, long HostUid, IReadOnlyDictionary<NamespaceKind, ulong> Namespaces);

public enum NamespaceKind { Pid, Net, Mnt, Uts, Ipc, User, Cgroup, Time }

/// <summary>One namespace seen among the sandbox's processes, by kind and inode, compared with the host's and the sandbox init's.</summary>
public sealed record InspectedNamespace(NamespaceKind Kind, ulong Inode, bool IsHost, bool IsSandboxInit, IReadOnlyList<int> HostPids);

/// <summary>The sandbox's cgroup: limits and usage read from the cgroup files (v1 or v2).</summary>
public sealed record InspectedCgroup(
    string Path, long? MemoryLimitBytes, long? MemoryUsageBytes, long? MemoryPeakBytes, long OomKills,
    long? PidsLimit, long? PidsCurrent, long PidsLimitHits,
    double? CpuLimitCores, long? CpuUsageNanoseconds, long ThrottledPeriods, long ThrottledNanoseconds, Cgroups.CgroupFileNames FileNames);

/// <summary>The root filesystem: image layers bottom to top, and the writable layer's changes.</summary>
public sealed record InspectedFilesystem(IReadOnlyList<InspectedLayer> Layers, IReadOnlyList<FileChange> Changes, bool ChangesTruncated);

public sealed record InspectedLayer(string DiffId, long Size, long FileCount, string? CreatedBy);

public enum FileChangeKind { Added, Modified, Deleted, OpaqueDirectory }

/// <summary>One change in the writable (upper) layer, by path inside the sandbox.</summary>
public sealed record FileChange(string Path, FileChangeKind Kind, bool IsDirectory, long Size);
