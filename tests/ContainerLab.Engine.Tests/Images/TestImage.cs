using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerLab.Engine.Tests.Images;

/// <summary>
/// An image made of <see cref="TestLayer"/>s, written as an OCI layout (tar or directory) or as docker save
/// output. Blobs can be tampered with after digests are computed.
/// </summary>
internal sealed class TestImage
{
    private readonly List<(byte[] Tar, bool Gzip, string? CreatedBy)> _layers = [];
    public string[] Cmd { get; init; } = ["/bin/sh"];
    public string[] Env { get; init; } = ["PATH=/usr/bin:/bin"];

    public TestImage Layer(TestLayer layer, bool gzip = true, string? createdBy = null) => Layer(layer.Tar(), gzip, createdBy);

    /// <summary>A layer from raw tar bytes, e.g. one <see cref="TestLayer.Unreadable"/> made.</summary>
    public TestImage Layer(byte[] tar, bool gzip = true, string? createdBy = null)
    {
        _layers.Add((tar, gzip, createdBy));
        return this;
    }

    /// <summary>Blobs by digest plus the manifest/config digests; <paramref name="tamper"/> may rewrite any blob afterwards.</summary>
    public Blobs Build()
    {
        var blobs = new Dictionary<string, byte[]>();
        var layerDescriptors = new JsonArray();
        var diffIds = new JsonArray();
        var history = new JsonArray();
        var layerDigests = new List<string>();
        foreach ((byte[] tar, bool gzip, string? createdBy) in _layers)
        {
            byte[] blob = gzip ? TestLayer.Gzip(tar) : tar;
            string digest = TestLayer.Digest(blob);
            blobs[digest] = blob;
            layerDigests.Add(digest);
            diffIds.Add(TestLayer.Digest(tar));
            history.Add(new JsonObject { ["created_by"] = createdBy ?? "test layer" });
            layerDescriptors.Add(new JsonObject
            {
                ["mediaType"] = gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar",
                ["digest"] = digest,
                ["size"] = blob.Length,
            });
        }
        history.Insert(0, new JsonObject { ["created_by"] = "ENV nothing", ["empty_layer"] = true });
        var config = new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray(Env.Select(e => (JsonNode)e).ToArray()),
                ["Cmd"] = new JsonArray(Cmd.Select(e => (JsonNode)e).ToArray()),
                ["WorkingDir"] = "/root",
                ["User"] = "1000",
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
            ["history"] = history,
        };
        byte[] configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        string configDigest = TestLayer.Digest(configBytes);
        blobs[configDigest] = configBytes;
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = configDigest, ["size"] = configBytes.Length },
            ["layers"] = layerDescriptors,
        };
        byte[] manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        string manifestDigest = TestLayer.Digest(manifestBytes);
        blobs[manifestDigest] = manifestBytes;
        return new Blobs(blobs, manifestDigest, configDigest, layerDigests);
    }

    internal sealed record Blobs(Dictionary<string, byte[]> ByDigest, string ManifestDigest, string ConfigDigest, List<string> LayerDigests)
    {
        private byte[] Index() => Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = ManifestDigest,
                ["size"] = ByDigest[ManifestDigest].Length,
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = "latest" },
            }),
        }.ToJsonString());

        public byte[] OciLayoutTar()
        {
            var files = new List<(string, byte[])> { ("oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray()), ("index.json", Index()) };
            files.AddRange(ByDigest.Select(b => ($"blobs/sha256/{b.Key[7..]}", b.Value)));
            return TarOf(files);
        }

        public void WriteOciLayout(string directory)
        {
            Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
            File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
            File.WriteAllBytes(Path.Combine(directory, "index.json"), Index());
            foreach ((string digest, byte[] blob) in ByDigest)
                File.WriteAllBytes(Path.Combine(directory, "blobs", "sha256", digest[7..]), blob);
        }

        /// <summary>Classic docker save: &lt;config-hex&gt;.json, &lt;n&gt;/layer.tar, manifest.json.</summary>
        public byte[] DockerSaveTar(string repoTag)
        {
            var files = new List<(string, byte[])> { ($"{ConfigDigest[7..]}.json", ByDigest[ConfigDigest]) };
            var layerPaths = new JsonArray();
            for (int i = 0; i < LayerDigests.Count; i++)
            {
                files.Add(($"layer{i}/layer.tar", ByDigest[LayerDigests[i]]));
                layerPaths.Add($"layer{i}/layer.tar");
            }
            var manifest = new JsonArray(new JsonObject
            {
                ["Config"] = $"{ConfigDigest[7..]}.json",
                ["RepoTags"] = new JsonArray(repoTag),
                ["Layers"] = layerPaths,
            });
            files.Add(("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString())));
            return TarOf(files);
        }
    }

    public static byte[] TarOf(IEnumerable<(string Name, byte[] Content)> files)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0x1A4, DataStream = new MemoryStream(content) });
        }
        return output.ToArray();
    }
}
