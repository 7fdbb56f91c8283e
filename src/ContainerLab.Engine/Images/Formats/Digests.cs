using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>sha256 digests: validation (they become file names under blobs/ and layers/) and computation.</summary>
internal static partial class Digests
{
    public static bool IsValid(string? digest) => digest is not null && Sha256Pattern().IsMatch(digest);

    /// <summary>Refuses anything but "sha256:" + 64 lowercase hex digits, so a digest can never be a path trick.</summary>
    public static string Require(string? digest, string what)
    {
        if (IsValid(digest))
            return digest!;
        if (digest is not null && digest.Contains(':') && !digest.StartsWith("sha256:", StringComparison.Ordinal))
            throw new ImageImportException($"{what} uses digest '{digest}'; only sha256 is supported");
        throw new ImageImportException($"{what} has an invalid digest '{digest}'");
    }

    public static string Hex(string digest) => digest["sha256:".Length..];

    public static string Of(ReadOnlySpan<byte> data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    public static string OfFile(string path, CancellationToken ct)
    {
        using var file = File.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[128 * 1024];
        int n;
        while ((n = file.Read(buffer)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            hash.AppendData(buffer.AsSpan(0, n));
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex Sha256Pattern();
}
