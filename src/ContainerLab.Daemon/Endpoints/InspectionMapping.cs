using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Inspection;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>The engine's inspection model on the wire (enums as lowercase words).</summary>
internal static class InspectionMapping
{
    public static InspectionDto ToDto(this SandboxInspection inspection) => new(
        inspection.TakenAt,
        [.. inspection.Processes.Select(p => new InspectedProcessDto(p.HostPid, p.SandboxPid, p.NamespacePids, p.HostParentPid, p.Command,
            p.Arguments, p.Uid, p.HostUid, p.Namespaces.ToDictionary(n => Word(n.Key), n => n.Value)))],
        [.. inspection.Namespaces.Select(n => new InspectedNamespaceDto(Word(n.Kind), n.Inode, n.IsHost, n.IsSandboxInit, n.HostPids))],
        new InspectedCgroupDto(inspection.Cgroup.Path, inspection.Cgroup.MemoryLimitBytes, inspection.Cgroup.MemoryUsageBytes,
            inspection.Cgroup.MemoryPeakBytes, inspection.Cgroup.OomKills, inspection.Cgroup.PidsLimit, inspection.Cgroup.PidsCurrent,
            inspection.Cgroup.PidsLimitHits, inspection.Cgroup.CpuLimitCores, inspection.Cgroup.CpuUsageNanoseconds,
            inspection.Cgroup.ThrottledPeriods, inspection.Cgroup.ThrottledNanoseconds),
        new InspectedFilesystemDto(
            [.. inspection.Filesystem.Layers.Select(l => new LayerDto(l.DiffId, l.Size, l.FileCount, l.CreatedBy))],
            [.. inspection.Filesystem.Changes.Select(c => new FileChangeDto(c.Path, c.Kind.ToWord(), c.IsDirectory, c.Size))],
            inspection.Filesystem.ChangesTruncated));

    /// <summary>added, modified, deleted or opaque.</summary>
    internal static string ToWord(this FileChangeKind kind) => kind == FileChangeKind.OpaqueDirectory ? "opaque" : Word(kind);

    internal static string Word<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
