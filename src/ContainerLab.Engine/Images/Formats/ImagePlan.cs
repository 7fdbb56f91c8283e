namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// What a format reader found and verified in an archive: the manifest and config (bytes as they will be stored
/// under blobs/, digests checked) and the layer blobs in order, each with the diff id the config promises.
/// </summary>
internal sealed record ImagePlan(
    byte[] Manifest,
    string ManifestDigest,
    byte[] Config,
    string ConfigDigest,
    OciImageConfig ParsedConfig,
    IReadOnlyList<LayerPlan> Layers);

/// <param name="BlobPath">Host path of the verified blob (in staging, or in the directory being imported).</param>
internal sealed record LayerPlan(string BlobPath, string BlobDigest, string DiffId, string? CreatedBy);
