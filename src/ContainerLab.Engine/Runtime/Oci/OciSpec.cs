namespace ContainerLab.Engine.Runtime.Oci;

// Typed model of the parts of the OCI runtime spec 1.0.2 (config.md) that ContainerLab writes.
// Property names become the spec's camelCase keys through OciJsonContext; the two keys that are not
// plain camelCase (containerID, hostID) carry an explicit [JsonPropertyName].

/// <summary>The bundle's config.json.</summary>
public sealed record OciSpec
{
    public const string Version = "1.0.2";

    public string OciVersion { get; init; } = Version;
    public required OciRoot Root { get; init; }
    public required OciProcess Process { get; init; }
    public string? Hostname { get; init; }
    public IReadOnlyList<OciMount> Mounts { get; init; } = [];
    public required OciLinux Linux { get; init; }
}

/// <summary>The container's root filesystem (a host path, here the mounted overlay).</summary>
public sealed record OciRoot
{
    public required string Path { get; init; }
    public bool Readonly { get; init; }
}

/// <summary>One entry of "mounts": mounted in order, after the root and before pivot_root.</summary>
public sealed record OciMount
{
    public required string Destination { get; init; }
    public string? Type { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<string>? Options { get; init; }
}
