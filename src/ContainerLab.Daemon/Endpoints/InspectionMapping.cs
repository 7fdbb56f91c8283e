using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Inspection;
using ContainerLab.Engine.Inspection.Watching;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>The engine's inspection model on the wire (enums as lowercase words).</summary>
internal static class InspectionMapping
{
    public static InspectionDto ToDto(this SandboxInspection inspection) => new(
        inspection.TakenAt,
        [.. inspection.Processes.Select(p => new InspectedProcessDto(p.HostPid, p.SandboxPid, p.NamespacePids, p.HostParentPid, p.Command,
            p.Arguments, p.Uid, p.HostUid, p.Namespaces.ToDictionary(n => Word(n.Key), n => n.Value)))],
        [.. inspection.Namespaces.Select(n => new InspectedNamespaceDto(Word(n.Kind), n.Inode, n.IsHost, n.IsSandboxInit, n.HostPids))],
        inspection.Cgroup.ToDto(),
        new InspectedFilesystemDto(
            [.. inspection.Filesystem.Layers.Select(l => new LayerDto(l.DiffId, l.Size, l.FileCount, l.CreatedBy))],
            [.. inspection.Filesystem.Changes.Select(c => new FileChangeDto(c.Path, c.Kind.ToWord(), c.IsDirectory, c.Size))],
            inspection.Filesystem.ChangesTruncated));

    public static InspectedCgroupDto ToDto(this InspectedCgroup cgroup) => new(
        cgroup.Path, cgroup.MemoryLimitBytes, cgroup.MemoryUsageBytes, cgroup.MemoryPeakBytes, cgroup.OomKills,
        cgroup.PidsLimit, cgroup.PidsCurrent, cgroup.PidsLimitHits,
        cgroup.CpuLimitCores, cgroup.CpuUsageNanoseconds, cgroup.ThrottledPeriods, cgroup.ThrottledNanoseconds,
        new CgroupFileNamesDto(cgroup.FileNames.Layout, cgroup.FileNames.MemoryLimit, cgroup.FileNames.MemoryUsage, cgroup.FileNames.OomKills,
            cgroup.FileNames.PidsLimit, cgroup.FileNames.PidsLimitHits, cgroup.FileNames.CpuLimit, cgroup.FileNames.Throttled));

    public static SandboxEventDto ToDto(this SandboxEvent change) => new(
        TypeWord(change.Kind), change.At, change.Cgroup?.ToDto(), change.Started, change.Exited, change.Paths, change.PathsTruncated,
        change.State is { } state ? Word(state) : null);

    private static string TypeWord(SandboxEventKind kind) => kind switch
    {
        SandboxEventKind.Processes => SandboxEventTypes.Processes,
        SandboxEventKind.Namespaces => SandboxEventTypes.Namespaces,
        SandboxEventKind.Files => SandboxEventTypes.Files,
        SandboxEventKind.OomKill => SandboxEventTypes.OomKill,
        SandboxEventKind.PidsLimitHit => SandboxEventTypes.PidsLimitHit,
        SandboxEventKind.Limits => SandboxEventTypes.Limits,
        SandboxEventKind.Usage => SandboxEventTypes.Usage,
        SandboxEventKind.State => SandboxEventTypes.State,
        SandboxEventKind.Ended => SandboxEventTypes.Ended,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>added, modified, deleted or opaque.</summary>
    internal static string ToWord(this FileChangeKind kind) => kind == FileChangeKind.OpaqueDirectory ? "opaque" : Word(kind);

    internal static string Word<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
