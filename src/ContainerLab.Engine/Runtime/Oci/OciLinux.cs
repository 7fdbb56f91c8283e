using System.Text.Json.Serialization;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>"linux" of config.json (config-linux.md).</summary>
public sealed record OciLinux
{
    public IReadOnlyList<OciNamespace> Namespaces { get; init; } = [];
    public IReadOnlyList<OciIdMapping>? UidMappings { get; init; }
    public IReadOnlyList<OciIdMapping>? GidMappings { get; init; }
    public string? CgroupsPath { get; init; }
    public OciResources? Resources { get; init; }
    public OciSeccomp? Seccomp { get; init; }
    public IReadOnlyList<string>? MaskedPaths { get; init; }
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }
    /// <summary>Device nodes to make in the container's /dev (in a user namespace the runtime bind-mounts the host's).</summary>
    public IReadOnlyList<OciDevice>? Devices { get; init; }
}

/// <summary>A device node of linux.devices: type "c" or "b", its numbers, and who owns it inside.</summary>
public sealed record OciDevice
{
    public required string Path { get; init; }
    public required string Type { get; init; }
    public required long Major { get; init; }
    public required long Minor { get; init; }
    public uint? FileMode { get; init; }
    public uint? Uid { get; init; }
    public uint? Gid { get; init; }
}

/// <summary>A namespace to create (no path) or join (path).</summary>
public sealed record OciNamespace
{
    public required OciNamespaceType Type { get; init; }
    public string? Path { get; init; }
}

public enum OciNamespaceType
{
    [JsonStringEnumMemberName("pid")] Pid,
    [JsonStringEnumMemberName("network")] Network,
    [JsonStringEnumMemberName("mount")] Mount,
    [JsonStringEnumMemberName("ipc")] Ipc,
    [JsonStringEnumMemberName("uts")] Uts,
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("cgroup")] Cgroup,
}

/// <summary>One line of uid_map/gid_map: ids containerId.. inside are hostId.. outside.</summary>
public sealed record OciIdMapping
{
    [JsonPropertyName("containerID")] public required uint ContainerId { get; init; }
    [JsonPropertyName("hostID")] public required uint HostId { get; init; }
    public required uint Size { get; init; }
}

/// <summary>cgroup limits. Written by the runtime to v1 files or, translated, to v2 files.</summary>
public sealed record OciResources
{
    public IReadOnlyList<OciDeviceRule>? Devices { get; init; }
    public OciMemory? Memory { get; init; }
    public OciCpu? Cpu { get; init; }
    public OciPids? Pids { get; init; }
}

/// <summary>
/// Memory limit in bytes. <see cref="Swap"/> is memory+swap (v1 memsw semantics); equal to
/// <see cref="Limit"/> means no swap. runc and crun turn it into swap.max = swap - limit on v2.
/// </summary>
public sealed record OciMemory
{
    public long? Limit { get; init; }
    public long? Swap { get; init; }
}

/// <summary>CFS bandwidth: at most Quota microseconds of CPU time per Period microseconds.</summary>
public sealed record OciCpu
{
    public long? Quota { get; init; }
    public ulong? Period { get; init; }
}

public sealed record OciPids
{
    public required long Limit { get; init; }
}

/// <summary>A device cgroup rule: type "a", "c" or "b"; null major/minor means any; access "rwm".</summary>
public sealed record OciDeviceRule
{
    public required bool Allow { get; init; }
    public string? Type { get; init; }
    public long? Major { get; init; }
    public long? Minor { get; init; }
    public string? Access { get; init; }
}
