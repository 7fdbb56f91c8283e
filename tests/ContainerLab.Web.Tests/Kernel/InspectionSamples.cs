using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>Fixed inspections as the daemon would answer them: empty, typical, nested unshare, huge, and cgroup values absent.</summary>
internal static class InspectionSamples
{
    public const int RuntimePid = 4990, InitPid = 5001, ShellPid = 5002, SleepPid = 5003, UnsharePid = 5004, NestedShellPid = 5005;
    public const long HostRootUid = 1_000_000_000;
    public const ulong NestedPidInode = 4026532999;

    /// <summary>The seven namespaces the sandbox init gets (time is absent: a kernel without time namespaces).</summary>
    public static readonly IReadOnlyDictionary<string, ulong> SandboxInodes = new Dictionary<string, ulong>
    {
        ["pid"] = 4026532801, ["net"] = 4026532802, ["mnt"] = 4026532803, ["uts"] = 4026532804,
        ["ipc"] = 4026532805, ["user"] = 4026532806, ["cgroup"] = 4026532807,
    };

    public static InspectedProcessDto Process(int hostPid, int? sandboxPid, int parent, string command, long uid = 0, IReadOnlyDictionary<string, ulong>? namespaces = null, IReadOnlyList<int>? namespacePids = null) =>
        new(hostPid, sandboxPid, namespacePids ?? (sandboxPid is int p ? [hostPid, p] : [hostPid]), parent, command, [], uid, HostRootUid + uid, namespaces ?? SandboxInodes);

    public static InspectedCgroupDto Cgroup(long? memoryLimit = 64L << 20, long? memoryUsage = 12L << 20, long? pidsLimit = 64, long? pidsCurrent = 3, double? cpu = 0.5, long oomKills = 0) =>
        new("/containerlab/sb-0001", memoryLimit, memoryUsage, memoryUsage, oomKills, pidsLimit, pidsCurrent, 0, cpu, 1_000_000, 0, 0);

    public static InspectedFilesystemDto Filesystem(params FileChangeDto[] changes) =>
        new([new LayerDto("sha256:aaaaaaaaaaaaaaaaaaaa", 4_000_000, 400, "ADD rootfs.tar /"), new LayerDto("sha256:bbbbbbbbbbbbbbbbbbbb", 1_000, 3, "RUN echo hi > /etc/motd")],
            changes, ChangesTruncated: false);

    public static InspectionDto Empty { get; } = new(DateTimeOffset.UnixEpoch, [], [], Cgroup(pidsCurrent: 0, memoryUsage: 0), new InspectedFilesystemDto([], [], false));

    /// <summary>init (pid 1) → sh (pid 2) → sleep (pid 3); seven namespaces, none the host's.</summary>
    public static InspectionDto Typical { get; } = new(
        DateTimeOffset.UnixEpoch,
        [Process(InitPid, 1, RuntimePid, "init"), Process(ShellPid, 2, InitPid, "sh"), Process(SleepPid, 3, ShellPid, "sleep")],
        [.. SandboxInodes.Select(kv => new InspectedNamespaceDto(kv.Key, kv.Value, false, true, [InitPid, ShellPid, SleepPid]))],
        Cgroup(),
        Filesystem(
            new FileChangeDto("/root/notes.txt", "added", false, 12),
            new FileChangeDto("/etc/hostname", "modified", false, 8),
            new FileChangeDto("/etc/motd", "deleted", false, 0),
            new FileChangeDto("/var/cache", "opaque", true, 0)));

    /// <summary>The typical sandbox plus <c>unshare --pid --fork sh</c> from its shell: a second pid namespace inside.</summary>
    public static InspectionDto NestedUnshare { get; } = MakeNested();

    /// <summary>200 processes: init and a binary tree of shells under it.</summary>
    public static InspectionDto Huge { get; } = new(
        DateTimeOffset.UnixEpoch,
        [.. Enumerable.Range(0, 200).Select(i => Process(InitPid + i, i + 1, i == 0 ? RuntimePid : InitPid + (i - 1) / 2, i == 0 ? "init" : $"worker{i}"))],
        [.. SandboxInodes.Select(kv => new InspectedNamespaceDto(kv.Key, kv.Value, false, true, [.. Enumerable.Range(InitPid, 200)]))],
        Cgroup(pidsLimit: 256, pidsCurrent: 200),
        Filesystem([.. Enumerable.Range(0, 200).Select(i => new FileChangeDto($"/tmp/f{i:D3}", "added", false, i))]) with { ChangesTruncated = true });

    /// <summary>A cgroup v2 tree without memory.max, pids.max or cpu.max limits, where some files could not be read.</summary>
    public static InspectionDto NullCgroup { get; } = Typical with
    {
        Cgroup = new InspectedCgroupDto("/containerlab/sb-0002", null, null, null, 0, null, 3, 0, null, null, 0, 0),
    };

    public static IReadOnlyDictionary<string, InspectionDto> All { get; } = new Dictionary<string, InspectionDto>
    {
        [nameof(Empty)] = Empty, [nameof(Typical)] = Typical, [nameof(NestedUnshare)] = NestedUnshare,
        [nameof(Huge)] = Huge, [nameof(NullCgroup)] = NullCgroup,
    };

    public static TheoryData<string> Names => [.. All.Keys];

    private static InspectionDto MakeNested()
    {
        var nestedInodes = new Dictionary<string, ulong>(SandboxInodes) { ["pid"] = NestedPidInode };
        var processes = Typical.Processes.Concat(
        [
            Process(UnsharePid, 4, ShellPid, "unshare"),
            Process(NestedShellPid, 5, UnsharePid, "sh", namespaces: nestedInodes, namespacePids: [NestedShellPid, 5, 1]),
        ]).ToList();
        var namespaces = SandboxInodes.Select(kv => kv.Key == "pid"
                ? new InspectedNamespaceDto("pid", kv.Value, false, true, [InitPid, ShellPid, SleepPid, UnsharePid])
                : new InspectedNamespaceDto(kv.Key, kv.Value, false, true, [InitPid, ShellPid, SleepPid, UnsharePid, NestedShellPid]))
            .Append(new InspectedNamespaceDto("pid", NestedPidInode, false, false, [NestedShellPid]))
            .ToList();
        return Typical with { Processes = processes, Namespaces = namespaces };
    }
}
