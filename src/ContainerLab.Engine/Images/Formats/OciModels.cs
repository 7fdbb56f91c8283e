using System.Text.Json.Serialization;

namespace ContainerLab.Engine.Images.Formats;

// The subset of the OCI image spec (image-spec v1.1: descriptor.md, image-index.md, manifest.md, config.md) and
// of docker save's manifest.json that an import reads. Everything is nullable: JSON from an archive is validated
// by the readers, not trusted to have the fields the spec requires.

internal sealed record OciDescriptor
{
    public string? MediaType { get; init; }
    public string? Digest { get; init; }
    public long Size { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public OciPlatform? Platform { get; init; }
}

internal sealed record OciPlatform
{
    public string? Architecture { get; init; }
    public string? Os { get; init; }
}

internal sealed record OciIndex
{
    public int SchemaVersion { get; init; }
    public string? MediaType { get; init; }
    public List<OciDescriptor>? Manifests { get; init; }
}

internal sealed record OciManifest
{
    public int SchemaVersion { get; init; }
    public string? MediaType { get; init; }
    public OciDescriptor? Config { get; init; }
    public List<OciDescriptor>? Layers { get; init; }
}

internal sealed record OciImageConfig
{
    public string? Architecture { get; init; }
    public string? Os { get; init; }
    public OciContainerConfig? Config { get; init; }
    public OciRootfs? Rootfs { get; init; }
    public List<OciHistory>? History { get; init; }
}

/// <summary>The spec keeps Docker's capitalised names for these fields.</summary>
internal sealed record OciContainerConfig
{
    [JsonPropertyName("User")] public string? User { get; init; }
    [JsonPropertyName("Env")] public List<string>? Env { get; init; }
    [JsonPropertyName("Entrypoint")] public List<string>? Entrypoint { get; init; }
    [JsonPropertyName("Cmd")] public List<string>? Cmd { get; init; }
    [JsonPropertyName("WorkingDir")] public string? WorkingDir { get; init; }
}

internal sealed record OciRootfs
{
    public string? Type { get; init; }
    [JsonPropertyName("diff_ids")] public List<string>? DiffIds { get; init; }
}

internal sealed record OciHistory
{
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }
    [JsonPropertyName("empty_layer")] public bool EmptyLayer { get; init; }
}

/// <summary>One element of docker save's manifest.json.</summary>
internal sealed record DockerArchiveManifest
{
    [JsonPropertyName("Config")] public string? Config { get; init; }
    [JsonPropertyName("RepoTags")] public List<string>? RepoTags { get; init; }
    [JsonPropertyName("Layers")] public List<string>? Layers { get; init; }
}

internal static class OciMediaTypes
{
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string Layer = "application/vnd.oci.image.layer.v1.tar";
    public const string LayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    public static bool IsIndex(string? mediaType) => mediaType is ImageIndex or DockerManifestList;
    public static bool IsManifest(string? mediaType) => mediaType is ImageManifest or DockerManifest;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciImageConfig))]
[JsonSerializable(typeof(List<DockerArchiveManifest>))]
internal sealed partial class OciImageJsonContext : JsonSerializerContext;
