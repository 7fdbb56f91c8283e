using ContainerLab.Engine.Images.Formats;

namespace ContainerLab.Engine.Images.Store;

/// <summary>
/// Deletes layers and blobs that no image record references. Runs under the store lock after a removal or a
/// replacing import, and after a failed commit (which may have renamed layers in before failing).
/// </summary>
internal static class StoreGarbageCollector
{
    public static void Collect(StoreLayout layout)
    {
        var layers = new HashSet<string>(StringComparer.Ordinal);
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
