using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// Reads an OCI image layout (image-spec image-layout.md): oci-layout, index.json -> manifest (or a nested
/// index, resolved for this host's platform) -> config + layers. Every blob on the way is checked against the
/// digest and size of the descriptor that names it; layer diff ids are checked later, while unpacking.
/// </summary>
internal static class OciLayoutReader
{
    private const int MaxIndexDepth = 4;

    public static bool LooksLikeLayout(ArchiveFiles files) => files.Exists("oci-layout") && files.Exists("index.json");

    public static ImagePlan Read(ArchiveFiles files, ImageReference requested, CancellationToken ct)
    {
        files.Require("oci-layout", "OCI layout marker");
        OciIndex index = files.ReadJson("index.json", OciImageJsonContext.Default.OciIndex, "index.json");
        OciDescriptor manifestDescriptor = SelectManifest(files, index, requested, depth: 0);
        string manifestDigest = Digests.Require(manifestDescriptor.Digest, "manifest descriptor");
        (OciManifest manifest, byte[] manifestBytes) = files.ReadVerifiedJson(
            manifestDigest, manifestDescriptor.Size, OciImageJsonContext.Default.OciManifest, "manifest");
        return ImagePlanning.FromManifest(files, manifest, manifestBytes, manifestDigest, ct);
    }

    /// <summary>
    /// index.json may list several images (one per tag, or per platform). The one whose ref.name annotation is
    /// the requested tag wins; otherwise the first one for this platform.
    /// </summary>
    private static OciDescriptor SelectManifest(ArchiveFiles files, OciIndex index, ImageReference requested, int depth)
    {
        if (depth > MaxIndexDepth)
            throw new ImageImportException($"archive: image indexes nest deeper than {MaxIndexDepth} levels");
        List<OciDescriptor> candidates = (index.Manifests ?? [])
            .Where(d => OciMediaTypes.IsManifest(d.MediaType) || OciMediaTypes.IsIndex(d.MediaType))
            .ToList();
        if (candidates.Count == 0)
            throw new ImageImportException("archive: index.json lists no image manifest");

        OciDescriptor chosen =
            candidates.FirstOrDefault(d => RefName(d) is string name && (name == requested.Tag || name.EndsWith(":" + requested.Tag, StringComparison.Ordinal)))
            ?? candidates.FirstOrDefault(d => MatchesHost(d.Platform))
            ?? throw new ImageImportException($"archive: no image in index.json is for {HostPlatform}; found {string.Join(", ", candidates.Select(d => $"{d.Platform?.Os}/{d.Platform?.Architecture}"))}");

        if (!OciMediaTypes.IsIndex(chosen.MediaType))
            return chosen;
        string digest = Digests.Require(chosen.Digest, "image index descriptor");
        (OciIndex nested, _) = files.ReadVerifiedJson(digest, chosen.Size, OciImageJsonContext.Default.OciIndex, "image index");
        return SelectManifest(files, nested, requested, depth + 1);
    }

    private static string? RefName(OciDescriptor d) =>
        d.Annotations is { } a && a.TryGetValue(OciMediaTypes.RefNameAnnotation, out string? name) ? name : null;

    private static bool MatchesHost(OciPlatform? platform) =>
        platform is null || ((platform.Os is null or "linux") && (platform.Architecture is null || platform.Architecture == HostArchitecture));

    public static string HostArchitecture => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string HostPlatform => $"linux/{HostArchitecture}";
}
