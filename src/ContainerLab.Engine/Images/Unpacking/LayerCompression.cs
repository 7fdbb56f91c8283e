using System.IO.Compression;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>
/// Picks the decompressor from the blob's magic bytes, not from the media type: docker-save layers say nothing,
/// and a manifest's media type is only a claim. gzip and plain tar are supported; the rest is refused by name.
/// </summary>
internal static class LayerCompression
{
    /// <param name="subject">Names the stream in refusals: "layer sha256:0123456789ab" or "archive".</param>
    public static Stream OpenDecompressed(Stream seekableBlob, string subject)
    {
        Span<byte> magic = stackalloc byte[6];
        int n = seekableBlob.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        seekableBlob.Position = 0;
        ReadOnlySpan<byte> head = magic[..n];
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
            return new GZipStream(seekableBlob, CompressionMode.Decompress, leaveOpen: true);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
            throw new ImageImportException($"{subject} is zstd-compressed, which this engine cannot unpack yet; re-export the image with gzip layers (e.g. skopeo copy --dest-compress-format gzip)");
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]))
            throw new ImageImportException($"{subject} is xz-compressed; only gzip and uncompressed layers are supported");
        if (head.StartsWith("BZh"u8))
            throw new ImageImportException($"{subject} is bzip2-compressed; only gzip and uncompressed layers are supported");
        return seekableBlob;
    }

    public static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        return file.ReadByte() == 0x1F && file.ReadByte() == 0x8B;
    }
}
