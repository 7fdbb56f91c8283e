using System.Text.RegularExpressions;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// Reads `docker save` output: manifest.json = [{ Config, RepoTags, Layers }] with paths inside the archive.
/// There is no manifest blob, so digests are checked where the format carries them: a config or layer stored
/// under its digest ("&lt;hex&gt;.json", "blobs/sha256/&lt;hex&gt;") must hash to it, and every layer must hash (uncompressed)
/// to the config's diff id while unpacking. An OCI manifest is then synthesized for the store.
/// </summary>
internal static partial class DockerArchiveReader
{
    public static bool LooksLikeArchive(ArchiveFiles files) => files.Exists("manifest.json");

    public static ImagePlan Read(ArchiveFiles files, ImageReference requested, CancellationToken ct)
    {
        List<DockerArchiveManifest> entries = files.ReadJson("manifest.json", OciImageJsonContext.Default.ListDockerArchiveManifest, "manifest.json");
        DockerArchiveManifest entry = entries.FirstOrDefault(e => e.RepoTags?.Any(t => MatchesReference(t, requested)) == true)
            ?? entries.FirstOrDefault()
            ?? throw new ImageImportException("archive: manifest.json lists no image");

        string configPath = StagedTarFiles.Normalize("manifest.json Config", entry.Config ?? "");
        string configHost = files.Require(configPath, "config");
        byte[] configBytes = ArchiveFiles.ReadSmall(configHost, "config");
        string configDigest = Digests.Of(configBytes);
        CheckNamedDigest(configPath, configDigest, "config");
        OciImageConfig config = ArchiveFiles.Deserialize(configBytes, OciImageJsonContext.Default.OciImageConfig, "config");
        List<string> diffIds = ImagePlanning.CheckConfig(config, configDigest);

        List<string> layerPaths = entry.Layers ?? [];
        if (layerPaths.Count != diffIds.Count)
            throw new ImageImportException($"manifest.json lists {layerPaths.Count} layers but config {configDigest} lists {diffIds.Count} diff ids");
        IReadOnlyList<string?> createdBy = ImagePlanning.CreatedByPerLayer(config, layerPaths.Count);
        var plans = new List<LayerPlan>();
        var descriptors = new List<OciDescriptor>();
        for (int i = 0; i < layerPaths.Count; i++)
        {
            string path = StagedTarFiles.Normalize("manifest.json Layers", layerPaths[i]);
            string host = files.Require(path, $"layer {i}");
            string digest = Digests.OfFile(host, ct);
            CheckNamedDigest(path, digest, $"layer {i}");
            plans.Add(new LayerPlan(host, digest, diffIds[i], createdBy[i]));
            descriptors.Add(ImageSynthesis.LayerDescriptor(digest, new FileInfo(host).Length, LayerCompression.IsGzip(host)));
        }
        (byte[] manifest, string manifestDigest) = ImageSynthesis.Manifest(configDigest, configBytes.Length, descriptors);
        return new ImagePlan(manifest, manifestDigest, configBytes, configDigest, config, plans);
    }

    /// <summary>A RepoTag like "busybox:latest" or "docker.io/library/busybox:latest" names the requested image.</summary>
    private static bool MatchesReference(string repoTag, ImageReference requested) =>
        repoTag == requested.ToString() || repoTag.EndsWith("/" + requested, StringComparison.Ordinal);

    /// <summary>Files named after their digest must hash to it: that is the only integrity docker save gives.</summary>
    private static void CheckNamedDigest(string path, string actual, string what)
    {
        Match match = DigestNamedPath().Match(path);
        if (match.Success && "sha256:" + match.Groups["hex"].Value != actual)
            throw new ImageImportException($"{what} blob digest mismatch: '{path}' is named sha256:{match.Groups["hex"].Value}, content is {actual}");
    }

    [GeneratedRegex("^(?:blobs/sha256/(?<hex>[a-f0-9]{64})|(?<hex>[a-f0-9]{64})\\.json)$")]
    private static partial Regex DigestNamedPath();
}
