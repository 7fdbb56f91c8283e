using ContainerLab.Engine.Images.Formats;

namespace ContainerLab.Engine.Images.Store;

/// <summary>
/// Deletes layers and blobs that no image record references and layers no sandbox leases. Runs under the store lock
/// after a removal or a replacing import, after a failed commit (which may have renamed layers in before failing),
/// when a lease is released, and when the store opens (leases of a daemon that was killed are gone).
/// Blobs are only for imports and listings, so a leased image's blobs may go; its unpacked layers may not.
/// </summary>
internal static class StoreGarbageCollector
{
    /// <param name="layersInUse">Hex diff ids of layers sandboxes stand on (<see cref="ImageLeases.LayersInUse"/>).</param>
    public static void Collect(StoreLayout layout, IReadOnlySet<string> layersInUse)
    {
        var layers = new HashSet<string>(layersInUse, StringComparer.Ordinal);
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(layout.ImagesDirectory, "*.json"))
        {
            // An unreadable record might reference anything: keep everything rather than guess.
            if (StoreJsonContext.ReadImage(file) is not StoredImage image)
                return;
            blobs.Add(Digests.Hex(image.ManifestDigest));
            blobs.Add(Digests.Hex(image.ConfigDigest));
            foreach (StoredLayer layer in image.Layers)
            {
                layers.Add(Digests.Hex(layer.DiffId));
                blobs.Add(Digests.Hex(layer.Digest));
            }
        }

        foreach (string directory in Directory.EnumerateDirectories(layout.LayersDirectory))
        {
            if (layers.Contains(Path.GetFileName(directory)))
                continue;
            // Rename first so the layer leaves the store atomically, then delete at leisure.
            string doomed = Path.Combine(layout.TempDirectory, $"gc-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.Move(directory, doomed);
            ImportStaging.DeleteTree(doomed);
        }
        foreach (string file in Directory.EnumerateFiles(layout.BlobsDirectory))
        {
            if (!blobs.Contains(Path.GetFileName(file)))
                File.Delete(file);
        }
    }
}
