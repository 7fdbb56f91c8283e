using System.Formats.Tar;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Images;

/// <summary>Each hostile or oversize archive is refused with a message naming the entry and the rule, and leaves the store untouched.</summary>
public sealed class HostileArchiveTests : IDisposable
{
    private const string Root = "root for mknod, lchown and trusted.* xattrs";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> HostileLayers => new()
    {
        { "dotdot", "entry '../etc/passwd' escapes the layer root" },
        { "dotdot-inside", "entry 'usr/../../etc/passwd' escapes the layer root" },
        { "absolute", "entry '/etc/passwd' is an absolute path" },
        { "hardlink-absolute", "entry 'shadow' is a hard link to the absolute path '/etc/shadow'" },
        { "hardlink-escape", "entry 'shadow' is a hard link to '../../etc/shadow', which escapes the layer root" },
        { "hardlink-missing", "entry 'shadow' is a hard link to 'etc/shadow', which does not exist earlier in the layer" },
        { "symlink-escape", "entry 'usr/lib/host' is a symlink to '../../../etc', which escapes the layer root" },
        { "through-symlink-absolute", "entry 'etc/cron.d/evil' would be written through the symlink 'etc'" },
        { "through-symlink-relative", "entry 'link/x' would be written through the symlink 'link'" },
        { "through-symlink-hardlink", "entry 'link/x' would be written through the symlink 'link'" },
        { "char-device", "entry 'dev/mem' is a device node" },
        { "block-device", "entry 'dev/sda' is a device node" },
        { "setuid", "entry 'tmp/rootshell' is setuid/setgid (mode 4755) and /tmp/rootshell is not in the setuid allow-list" },
        { "setgid", "entry 'usr/local/bin/x' is setuid/setgid (mode 2755) and /usr/local/bin/x is not in the setuid allow-list" },
        { "setuid-hardlink", "entry 'tmp/su' is setuid/setgid (mode 6000) and /tmp/su is not in the setuid allow-list" },
        { "uid-out-of-range", "entry 'big' is owned by 100000:0; layers may only use ids 0..65535" },
        { "whiteout-dotdot", "entry '.wh...' is a whiteout without a valid name to delete" },
    };

    private static TestLayer Hostile(string name) => name switch
    {
        "dotdot" => new TestLayer().File("../etc/passwd"),
        "dotdot-inside" => new TestLayer().Dir("usr/").File("usr/../../etc/passwd"),
        "absolute" => new TestLayer().File("/etc/passwd"),
        "hardlink-absolute" => new TestLayer().HardLink("shadow", "/etc/shadow"),
        "hardlink-escape" => new TestLayer().HardLink("shadow", "../../etc/shadow"),
        "hardlink-missing" => new TestLayer().HardLink("shadow", "etc/shadow"),
        "symlink-escape" => new TestLayer().Dir("usr/").Dir("usr/lib/").Symlink("usr/lib/host", "../../../etc"),
        "through-symlink-absolute" => new TestLayer().Symlink("etc", "/etc").File("etc/cron.d/evil"),
        "through-symlink-relative" => new TestLayer().Dir("real/").Symlink("link", "real").File("link/x"),
        "through-symlink-hardlink" => new TestLayer().Dir("real/").File("real/f").Symlink("link", "real").HardLink("link/x", "real/f"),
        "char-device" => new TestLayer().Dir("dev/").Device("dev/mem"),
        "block-device" => new TestLayer().Dir("dev/").Device("dev/sda", TarEntryType.BlockDevice, 8, 0),
        "setuid" => new TestLayer().Dir("tmp/").File("tmp/rootshell", mode: 0x9ED),
        "setgid" => new TestLayer().File("usr/local/bin/x", mode: 0x5ED),
        "setuid-hardlink" => new TestLayer().File("usr/bin/su", mode: 0x9ED).HardLink("tmp/su", "usr/bin/su"),
        "uid-out-of-range" => new TestLayer().File("big", uid: 100000),
        "whiteout-dotdot" => new TestLayer().File(".wh...", ""),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [RootTheory(Root)]
    [MemberData(nameof(HostileLayers))]
    public async Task Hostile_layer_entries_are_refused_by_name_and_leave_nothing_behind(string name, string expected)
    {
        var blobs = new TestImage().Layer(new TestLayer().Dir("etc/").File("etc/hostname", "ok")).Layer(Hostile(name)).Build();

        ImageImportException refusal = await AssertRefusedAsync(blobs.OciLayoutTar(), null);

        Assert.StartsWith($"layer {blobs.LayerDigests[1][..19]}: ", refusal.Message);
        Assert.True(refusal.Message.Contains(expected, StringComparison.Ordinal), refusal.Message);
    }

    [RootFact(Root)]
    public async Task Too_many_entries_are_refused()
    {
        var layer = new TestLayer();
        for (int i = 0; i < 20; i++)
            layer.File($"f{i}");
        ImageImportException refusal = await AssertRefusedAsync(new TestImage().Layer(layer).Build().OciLayoutTar(), new ImportLimits(MaxEntries: 10));
        Assert.Contains("entry 'f10' is one entry more than the 10-entry limit (MaxEntries)", refusal.Message);
    }

    [RootFact(Root)]
    public async Task Too_many_unpacked_bytes_are_refused_even_when_the_gzip_is_tiny()
    {
        byte[] archive = new TestImage().Layer(new TestLayer().BigFile("zeros", 4 * 1024 * 1024)).Build().OciLayoutTar();
        Assert.True(archive.Length < 64 * 1024);
        ImageImportException refusal = await AssertRefusedAsync(archive, new ImportLimits(MaxUnpackedBytes: 1024 * 1024));
        Assert.Contains("unpacked content exceeds the 1048576-byte limit (MaxUnpackedBytes)", refusal.Message);
    }

    [RootFact(Root)]
    public async Task Too_large_an_archive_is_refused_while_it_is_received()
    {
        byte[] archive = new TestImage().Layer(new TestLayer().File("a")).Build().OciLayoutTar();
        ImageImportException refusal = await AssertRefusedAsync(archive, new ImportLimits(MaxArchiveBytes: 1000));
        Assert.Equal("archive is larger than the 1000-byte limit (MaxArchiveBytes)", refusal.Message);
    }

    [RootFact(Root)]
    public async Task Too_long_a_path_is_refused()
    {
        string deep = string.Join('/', Enumerable.Repeat("abcdefghij", 8));
        ImageImportException refusal = await AssertRefusedAsync(new TestImage().Layer(new TestLayer().File(deep)).Build().OciLayoutTar(), new ImportLimits(MaxPathLength: 64));
        Assert.Contains("has a path longer than 64 bytes (MaxPathLength)", refusal.Message);
    }

    [RootFact(Root)]
    public async Task A_tampered_layer_blob_is_refused()
    {
        var blobs = new TestImage().Layer(new TestLayer().File("a", "original")).Build();
        byte[] tampered = new TestLayer().File("a", "evilbits").TarGz();
        blobs.ByDigest[blobs.LayerDigests[0]] = tampered;
        ImageImportException refusal = await AssertRefusedAsync(blobs.OciLayoutTar(), null);
        // The tampered blob may also differ in size; either way the descriptor's digest is named.
        Assert.StartsWith("layer 0", refusal.Message);
        Assert.Contains(blobs.LayerDigests[0], refusal.Message);
    }

    [RootFact(Root)]
    public async Task A_tampered_config_blob_is_refused()
    {
        var blobs = new TestImage().Layer(new TestLayer().File("a")).Build();
        byte[] config = blobs.ByDigest[blobs.ConfigDigest];
        config[config.Length - 2] ^= 0x01;
        ImageImportException refusal = await AssertRefusedAsync(blobs.OciLayoutTar(), null);
        Assert.StartsWith($"config blob digest mismatch: expected {blobs.ConfigDigest}", refusal.Message);
    }

    [RootFact(Root)]
    public async Task A_docker_save_layer_that_does_not_match_its_diff_id_is_refused()
    {
        var blobs = new TestImage().Layer(new TestLayer().File("a", "original"), gzip: false).Build();
        blobs.ByDigest[blobs.LayerDigests[0]] = new TestLayer().File("a", "replaced").Tar();
        ImageImportException refusal = await AssertRefusedAsync(blobs.DockerSaveTar("x:latest"), null);
        Assert.Contains("but the config says its diff id is", refusal.Message);
    }

    [RootFact(Root)]
    public async Task A_zstd_layer_is_refused_with_a_clear_message()
    {
        var blobs = new TestImage().Layer(new TestLayer().File("a")).Build();
        byte[] zstd = [0x28, 0xB5, 0x2F, 0xFD, 0, 0, 0, 0];
        string digest = TestLayer.Digest(zstd);
        var image = new TestImage.Blobs(new(blobs.ByDigest), blobs.ManifestDigest, blobs.ConfigDigest, blobs.LayerDigests);
        // Rewrite the manifest so the zstd blob is the layer (digest valid): refused by its magic, not by a digest.
        string manifest = System.Text.Encoding.UTF8.GetString(blobs.ByDigest[blobs.ManifestDigest])
            .Replace(blobs.LayerDigests[0], digest).Replace("tar+gzip", "tar+zstd");
        manifest = System.Text.RegularExpressions.Regex.Replace(manifest, "\"size\":\\d+}]", $"\"size\":{zstd.Length}}}]");
        byte[] manifestBytes = System.Text.Encoding.UTF8.GetBytes(manifest);
        image.ByDigest.Remove(blobs.ManifestDigest);
        image.ByDigest[digest] = zstd;
        string manifestDigest = TestLayer.Digest(manifestBytes);
        image.ByDigest[manifestDigest] = manifestBytes;
        image = image with { ManifestDigest = manifestDigest };

        ImageImportException refusal = await AssertRefusedAsync(image.OciLayoutTar(), null);
        Assert.Contains("is zstd-compressed", refusal.Message);
    }

    [RootFact(Root)]
    public async Task An_archive_entry_escaping_the_archive_is_refused()
    {
        byte[] archive = TestImage.TarOf([("oci-layout", "{}"u8.ToArray()), ("index.json", "{}"u8.ToArray()), ("../../evil", [1])]);
        ImageImportException refusal = await AssertRefusedAsync(archive, null);
        Assert.Equal("archive entry '../../evil' escapes the archive root", refusal.Message);
    }

    [RootTheory(Root)]
    [InlineData("sparse", "GNU sparse")]
    [InlineData("huge-size", "not a valid tar")]
    public async Task A_tar_the_reader_cannot_read_is_refused_as_an_archive_and_as_a_layer(string shape, string expected)
    {
        byte[] tar = TestLayer.Unreadable(shape);

        ImageImportException asArchive = await AssertRefusedAsync(tar, null, "archive-store");
        ImageImportException asLayer = await AssertRefusedAsync(new TestImage().Layer(tar).Build().OciLayoutTar(), null, "layer-store");

        Assert.Contains(expected, asArchive.Message);
        Assert.Contains(expected, asLayer.Message);
        Assert.StartsWith("layer sha256:", asLayer.Message);
    }

    /// <summary>Imports a good image first (so the store is not empty), snapshots, refuses, compares.</summary>
    private async Task<ImageImportException> AssertRefusedAsync(byte[] archive, ImportLimits? limits, string storeName = "store")
    {
        string root = _temp.Combine(storeName);
        await new ImageStore(root).ImportAsync(new MemoryStream(new TestImage().Layer(new TestLayer().File("ok")).Build().OciLayoutTar()), "existing");
        var store = new ImageStore(root, limits);
        string before = StoreSnapshot.Take(root);

        ImageImportException refusal = await Assert.ThrowsAsync<ImageImportException>(() => store.ImportAsync(new MemoryStream(archive), "hostile"));

        Assert.Equal(before, StoreSnapshot.Take(root));
        Assert.False(store.TryResolve("hostile", out _));
        return refusal;
    }
}
