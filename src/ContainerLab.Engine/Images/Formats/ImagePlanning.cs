using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>Turns a verified manifest into an <see cref="ImagePlan"/>: config checked, layers verified and paired with diff ids.</summary>
internal static class ImagePlanning
{
    public static ImagePlan FromManifest(ArchiveFiles files, OciManifest manifest, byte[] manifestBytes, string manifestDigest, CancellationToken ct)
    {
        OciDescriptor configDescriptor = manifest.Config ?? throw new ImageImportException($"manifest {manifestDigest} has no config");
        if (configDescriptor.MediaType is not (OciMediaTypes.ImageConfig or OciMediaTypes.DockerConfig))
            throw new ImageImportException($"manifest {manifestDigest} is not a container image (config media type '{configDescriptor.MediaType}')");
        string configDigest = Digests.Require(configDescriptor.Digest, "config descriptor");
        (OciImageConfig config, byte[] configBytes) = files.ReadVerifiedJson(
            configDigest, configDescriptor.Size, OciImageJsonContext.Default.OciImageConfig, "config");
        List<string> diffIds = CheckConfig(config, configDigest);

        List<OciDescriptor> layers = manifest.Layers ?? [];
        if (layers.Count != diffIds.Count)
            throw new ImageImportException($"manifest lists {layers.Count} layers but config {configDigest} lists {diffIds.Count} diff ids");
        IReadOnlyList<string?> createdBy = CreatedByPerLayer(config, layers.Count);
        var plans = new List<LayerPlan>(layers.Count);
        for (int i = 0; i < layers.Count; i++)
        {
            OciDescriptor layer = layers[i];
            if (layer.MediaType is null || !layer.MediaType.Contains("tar", StringComparison.Ordinal))
                throw new ImageImportException($"manifest layer {i} has media type '{layer.MediaType}', which is not a layer tar");
            string digest = Digests.Require(layer.Digest, $"layer {i}");
            string host = files.VerifyBlob(digest, layer.Size, $"layer {i}", ct);
            plans.Add(new LayerPlan(host, digest, diffIds[i], createdBy[i]));
        }
        return new ImagePlan(manifestBytes, manifestDigest, configBytes, configDigest, config, plans);
    }

    public static List<string> CheckConfig(OciImageConfig config, string configDigest)
    {
        if (config.Os is not null and not "linux")
            throw new ImageImportException($"config {configDigest} is for os '{config.Os}'; only linux images run here");
        if (config.Rootfs?.Type != "layers")
            throw new ImageImportException($"config {configDigest} has no rootfs of type 'layers'");
        List<string> diffIds = config.Rootfs.DiffIds ?? [];
        foreach (string diffId in diffIds)
            Digests.Require(diffId, $"config {configDigest} diff id");
        return diffIds;
    }

    /// <summary>History has one entry per instruction; those marked empty_layer made no layer. The rest pair up with layers in order.</summary>
    public static IReadOnlyList<string?> CreatedByPerLayer(OciImageConfig config, int layerCount)
    {
        List<OciHistory> producing = (config.History ?? []).Where(h => !h.EmptyLayer).ToList();
        return producing.Count == layerCount
            ? producing.Select(h => h.CreatedBy).ToList()
            : Enumerable.Repeat<string?>(null, layerCount).ToList();
    }
}
