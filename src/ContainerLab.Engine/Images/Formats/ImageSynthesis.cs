using System.Text.Json;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// Writes OCI manifests and configs for images that arrive without one (docker save, rootfs tars, the builtin
/// busybox), so every image in the store has the same shape: a manifest blob, a config blob, layer blobs.
/// Nothing time-dependent goes in, so the same input always gives the same digests.
/// </summary>
internal static class ImageSynthesis
{
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static (byte[] Bytes, string Digest) Manifest(string configDigest, long configSize, IEnumerable<OciDescriptor> layers)
    {
        var manifest = new OciManifest
        {
            SchemaVersion = 2,
            MediaType = OciMediaTypes.ImageManifest,
            Config = new OciDescriptor { MediaType = OciMediaTypes.ImageConfig, Digest = configDigest, Size = configSize },
            Layers = layers.ToList(),
        };
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, OciImageJsonContext.Default.OciManifest);
        return (bytes, Digests.Of(bytes));
    }

    public static (byte[] Bytes, string Digest) Config(OciImageConfig config)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(config, OciImageJsonContext.Default.OciImageConfig);
        return (bytes, Digests.Of(bytes));
    }

    public static OciDescriptor LayerDescriptor(string digest, long size, bool gzip) => new()
    {
        MediaType = gzip ? OciMediaTypes.LayerGzip : OciMediaTypes.Layer,
        Digest = digest,
        Size = size,
    };
}
