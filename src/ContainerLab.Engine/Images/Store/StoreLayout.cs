using ContainerLab.Engine.Images.Formats;

namespace ContainerLab.Engine.Images.Store;

/// <summary>
/// Where things live under the store root:
/// blobs/sha256/&lt;hex&gt; verified blobs (manifests, configs, layer tars as shipped);
/// layers/&lt;diffid-hex&gt;/rootfs the unpacked layer, layers/&lt;diffid-hex&gt;/layer.json its size and entry count;
/// images/&lt;name&gt;@&lt;tag&gt;.json one record per name ('/' in names becomes '+');
/// tmp/ staging for imports and for layers being deleted (same filesystem, so renames are atomic);
/// lock, the cross-process lock file.
/// </summary>
internal sealed class StoreLayout(string root)
{
    public string Root { get; } = root;
    public string BlobsDirectory => Path.Combine(Root, "blobs", "sha256");
    public string LayersDirectory => Path.Combine(Root, "layers");
    public string ImagesDirectory => Path.Combine(Root, "images");
    public string TempDirectory => Path.Combine(Root, "tmp");
    public string LockFile => Path.Combine(Root, "lock");

    public string BlobPath(string digest) => Path.Combine(BlobsDirectory, Digests.Hex(digest));
    public string LayerDirectory(string diffId) => Path.Combine(LayersDirectory, Digests.Hex(diffId));
    public string LayerRootfs(string diffId) => Path.Combine(LayerDirectory(diffId), "rootfs");
    public string LayerMetadata(string diffId) => Path.Combine(LayerDirectory(diffId), "layer.json");
    public string ImageFile(ImageReference reference) => Path.Combine(ImagesDirectory, reference.FileName);

    public void EnsureCreated()
    {
        foreach (string directory in new[] { BlobsDirectory, LayersDirectory, ImagesDirectory, TempDirectory })
            Directory.CreateDirectory(directory);
        if (!File.Exists(LockFile))
            using (File.Create(LockFile)) { }
    }
}
