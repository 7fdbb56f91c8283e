namespace ContainerLab.Engine.Images;

/// <summary>An image in the store: a name:tag pointing at a verified manifest, its config and its unpacked layers.</summary>
/// <param name="ManifestDigest">sha256 digest of the OCI manifest (synthesized for docker-save and rootfs imports).</param>
/// <param name="Layers">Bottom to top, ready to be stacked as overlay lowerdirs (top first in the mount option).</param>
public sealed record ImageRecord(
    string Name,
    string Tag,
    string ManifestDigest,
    string ConfigDigest,
    IReadOnlyList<LayerRecord> Layers,
    ImageConfig Config,
    DateTimeOffset ImportedAt)
{
    public string Reference => $"{Name}:{Tag}";
}

/// <summary>One unpacked, read-only layer, shared by every image that uses it.</summary>
/// <param name="DiffId">sha256 of the uncompressed layer tar; the layer's identity in the store.</param>
/// <param name="Digest">sha256 of the blob as it was shipped (compressed or not).</param>
/// <param name="Path">Absolute host path of the unpacked tree. Never write into it.</param>
/// <param name="Size">Bytes of regular-file content in the layer.</param>
/// <param name="FileCount">Tar entries applied (files, directories, links, whiteouts).</param>
/// <param name="CreatedBy">The history instruction that produced the layer, where the image says.</param>
public sealed record LayerRecord(string DiffId, string Digest, string Path, long Size, long FileCount, string? CreatedBy);

/// <summary>The parts of the image config a sandbox needs to start its first process.</summary>
public sealed record ImageConfig(
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    string WorkingDir,
    string? User);
