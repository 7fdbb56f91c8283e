using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// The files of an image archive by their path inside it ("index.json", "blobs/sha256/ab..."), whether they
/// came from a tar (extracted to staging) or live in an OCI layout directory on disk.
/// </summary>
internal abstract class ArchiveFiles
{
    // Manifests and configs are small; containerd caps them at 4 MiB too. Larger means hostile.
    private const int MaxJsonBytes = 4 * 1024 * 1024;

    /// <summary>Host path of the regular file at <paramref name="path"/>, or null.</summary>
    public abstract string? Find(string path);

    /// <summary>True when the host files are staging copies that may be moved into the store.</summary>
    public abstract bool OwnsFiles { get; }

    public bool Exists(string path) => Find(path) is not null;

    public string Require(string path, string what) =>
        Find(path) ?? throw new ImageImportException($"archive: {what} '{path}' is missing");

    public static string BlobPath(string digest) => $"blobs/sha256/{Digests.Hex(digest)}";

    /// <summary>Reads an unverified JSON file (index.json, manifest.json: their names are not digests).</summary>
    public T ReadJson<T>(string path, JsonTypeInfo<T> type, string what)
    {
        string host = Require(path, what);
        return Deserialize(ReadSmall(host, what), type, what);
    }

    /// <summary>Reads a blob by digest, checking its size (when given) and sha256 before parsing it.</summary>
    public (T Value, byte[] Bytes) ReadVerifiedJson<T>(string digest, long? size, JsonTypeInfo<T> type, string what)
    {
        string host = Require(BlobPath(digest), what);
        byte[] bytes = ReadSmall(host, what);
        if (size is long expected && expected != bytes.Length)
            throw new ImageImportException($"{what} {digest} is {bytes.Length} bytes, but its descriptor says {expected}");
        string actual = Digests.Of(bytes);
        if (actual != digest)
            throw new ImageImportException($"{what} blob digest mismatch: expected {digest}, content is {actual}");
        return (Deserialize(bytes, type, what), bytes);
    }

    /// <summary>Checks a layer blob's digest (and size when given) by hashing it; returns its host path.</summary>
    public string VerifyBlob(string digest, long? size, string what, CancellationToken ct)
    {
        string host = Require(BlobPath(digest), what);
        long length = new FileInfo(host).Length;
        if (size is long expected && expected != length)
            throw new ImageImportException($"{what} {digest} is {length} bytes, but its descriptor says {expected}");
        string actual = Digests.OfFile(host, ct);
        if (actual != digest)
            throw new ImageImportException($"{what} blob digest mismatch: expected {digest}, content is {actual}");
        return host;
    }

    public static byte[] ReadSmall(string hostPath, string what)
    {
        if (new FileInfo(hostPath).Length > MaxJsonBytes)
            throw new ImageImportException($"archive: {what} is larger than {MaxJsonBytes} bytes");
        return File.ReadAllBytes(hostPath);
    }

    public static T Deserialize<T>(byte[] bytes, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new ImageImportException($"archive: {what} is null");
        }
        catch (JsonException e)
        {
            throw new ImageImportException($"archive: {what} is not valid JSON: {e.Message}", e);
        }
    }
}
