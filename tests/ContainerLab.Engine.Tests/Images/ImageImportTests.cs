using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Images;

public sealed class ImageImportTests : IDisposable
{
    private const string Root = "root for mknod, lchown and trusted.* xattrs";
    private readonly TempDirectory _temp = new();
    private readonly ImageStore _store;

    public ImageImportTests() => _store = new ImageStore(_temp.Combine("images"));

    public void Dispose() => _temp.Dispose();

    private static TestLayer BaseLayer() => new TestLayer()
        .Dir("./").Dir("etc/").File("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        .Dir("usr/").Dir("usr/bin/").File("usr/bin/passwd", "elf", mode: 0x9ED /* 4755 */)
        .Symlink("usr/bin/awk", "/etc/alternatives/awk")
        .File("usr/bin/tool", "tool").HardLink("usr/bin/tool-alias", "usr/bin/tool")
        .Dir("home/").Dir("home/user/", mode: 0x1C0, uid: 1000, gid: 1000).File("home/user/notes", "hi", uid: 1000, gid: 1000)
        .Dir("opt/").Dir("opt/app/").File("opt/app/old", "old").File("doomed", "bye");

    private static TestLayer UpperLayer() => new TestLayer()
        .Whiteout("doomed").Opaque("opt/app/").File("opt/app/new", "new").Fifo("run-fifo");

    [RootFact(Root)]
    public async Task Imports_a_multi_layer_oci_layout_tar_with_whiteouts_and_an_opaque_directory()
    {
        var blobs = new TestImage().Layer(BaseLayer(), createdBy: "ADD base").Layer(UpperLayer(), gzip: false, createdBy: "RUN change").Build();

        ImageRecord image = await _store.ImportAsync(new MemoryStream(blobs.OciLayoutTar()), "lab/app:v1");

        Assert.Equal(("lab/app", "v1"), (image.Name, image.Tag));
        Assert.Equal(blobs.ManifestDigest, image.ManifestDigest);
        Assert.Equal(blobs.ConfigDigest, image.ConfigDigest);
        Assert.Equal(["/bin/sh"], image.Config.Cmd);
        Assert.Equal("/root", image.Config.WorkingDir);
        Assert.Equal("1000", image.Config.User);
        Assert.Equal(2, image.Layers.Count);
        Assert.Equal(["ADD base", "RUN change"], image.Layers.Select(l => l.CreatedBy));
        Assert.Equal(blobs.LayerDigests, image.Layers.Select(l => l.Digest));

        string lower = image.Layers[0].Path, upper = image.Layers[1].Path;
        Assert.Equal("root:x:0:0::/root:/bin/sh\n", File.ReadAllText(Path.Combine(lower, "etc/passwd")));
        Assert.Equal("/etc/alternatives/awk", new FileInfo(Path.Combine(lower, "usr/bin/awk")).LinkTarget);
        Assert.Equal("4755 0 0", DiskInspection.Stat(Path.Combine(lower, "usr/bin/passwd"), "%a %u %g"));
        Assert.Equal("700 1000 1000", DiskInspection.Stat(Path.Combine(lower, "home/user"), "%a %u %g"));
        Assert.Equal("2", DiskInspection.Stat(Path.Combine(lower, "usr/bin/tool"), "%h")); // the hard link shares the inode
        Assert.Equal("1683356889", DiskInspection.Stat(Path.Combine(lower, "home/user"), "%Y")); // directory mtime survives its children

        Assert.Equal("character special file 0 0", DiskInspection.Stat(Path.Combine(upper, "doomed"), "%F %t %T"));
        Assert.Equal("y", DiskInspection.GetXattr(Path.Combine(upper, "opt/app"), "trusted.overlay.opaque"));
        Assert.Null(DiskInspection.GetXattr(Path.Combine(lower, "opt/app"), "trusted.overlay.opaque"));
        Assert.Equal("fifo", DiskInspection.Stat(Path.Combine(upper, "run-fifo"), "%F"));
        Assert.False(File.Exists(Path.Combine(upper, ".wh.doomed")));

        Assert.Equal(image.ManifestDigest, _store.Resolve("lab/app:v1").ManifestDigest);
        Assert.Single(_store.List());
    }

    [RootFact(Root)]
    public async Task Imports_an_oci_layout_directory_and_a_docker_save_archive()
    {
        var blobs = new TestImage().Layer(BaseLayer()).Layer(UpperLayer()).Build();
        string layoutDirectory = _temp.Combine("layout");
        blobs.WriteOciLayout(layoutDirectory);

        ImageRecord fromDirectory = await _store.ImportDirectoryAsync(layoutDirectory, "fromdir");
        ImageRecord fromDocker = await _store.ImportAsync(new MemoryStream(blobs.DockerSaveTar("fromdocker:latest")), "fromdocker");

        Assert.Equal("latest", fromDirectory.Tag);
        Assert.Equal(fromDirectory.ConfigDigest, fromDocker.ConfigDigest);
        Assert.Equal(fromDirectory.Layers.Select(l => l.Path), fromDocker.Layers.Select(l => l.Path));
        Assert.Equal("character special file 0 0", DiskInspection.Stat(Path.Combine(fromDocker.Layers[1].Path, "doomed"), "%F %t %T"));
        Assert.Equal("y", DiskInspection.GetXattr(Path.Combine(fromDocker.Layers[1].Path, "opt/app"), "trusted.overlay.opaque"));
        Assert.True(File.Exists(Path.Combine(layoutDirectory, "index.json")), "the source layout is left alone");
    }

    [RootFact(Root)]
    public async Task A_layer_shared_by_two_images_is_stored_once_and_removal_collects_only_unused_layers()
    {
        var first = new TestImage().Layer(BaseLayer()).Layer(new TestLayer().File("a", "first")).Build();
        var second = new TestImage().Layer(BaseLayer()).Layer(new TestLayer().File("b", "second")).Build();

        ImageRecord one = await _store.ImportAsync(new MemoryStream(first.OciLayoutTar()), "one");
        ImageRecord two = await _store.ImportAsync(new MemoryStream(second.OciLayoutTar()), "two");

        Assert.Equal(one.Layers[0].Path, two.Layers[0].Path);
        Assert.Equal(3, Directory.GetDirectories(_temp.Combine("images", "layers")).Length);

        _store.Remove("one");
        Assert.False(_store.TryResolve("one", out _));
        Assert.True(Directory.Exists(one.Layers[0].Path), "the shared base layer stays for 'two'");
        Assert.False(Directory.Exists(one.Layers[1].Path));
        Assert.False(File.Exists(_temp.Combine("images", "blobs", "sha256", one.ManifestDigest[7..])));

        _store.Remove("two:latest");
        Assert.Empty(Directory.GetDirectories(_temp.Combine("images", "layers")));
        Assert.Empty(Directory.GetFiles(_temp.Combine("images", "blobs", "sha256")));
        Assert.Throws<NotFoundException>(() => _store.Remove("two"));
        Assert.Throws<NotFoundException>(() => _store.Resolve("two"));
    }

    [RootFact(Root)]
    public async Task Imports_a_plain_gzip_rootfs_tar_as_one_layer()
    {
        byte[] rootfs = BaseLayer().TarGz();

        ImageRecord image = await _store.ImportAsync(new MemoryStream(rootfs), "imported");

        LayerRecord layer = Assert.Single(image.Layers);
        Assert.Equal(TestLayer.Digest(rootfs), layer.Digest);
        Assert.Equal(TestLayer.Digest(BaseLayer().Tar()), layer.DiffId);
        Assert.True(File.Exists(Path.Combine(layer.Path, "etc/passwd")));
        Assert.Equal(["/bin/sh"], image.Config.Cmd);
    }

    [RootFact(Root)]
    public async Task Concurrent_imports_of_the_same_layers_all_succeed_and_store_each_layer_once()
    {
        var blobs = new TestImage().Layer(BaseLayer()).Layer(UpperLayer()).Build();
        byte[] archive = blobs.OciLayoutTar();

        ImageRecord[] images = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => _store.ImportAsync(new MemoryStream(archive), $"copy{i}"))));

        Assert.Equal(6, _store.List().Count);
        Assert.Equal(2, Directory.GetDirectories(_temp.Combine("images", "layers")).Length);
        Assert.Empty(Directory.GetFileSystemEntries(_temp.Combine("images", "tmp")));
        Assert.All(images, i => Assert.True(File.Exists(Path.Combine(i.Layers[0].Path, "etc/passwd"))));
    }

    [RootFact(Root)]
    public async Task Reimporting_a_name_replaces_it_and_collects_the_old_layers()
    {
        ImageRecord old = await _store.ImportAsync(new MemoryStream(new TestImage().Layer(new TestLayer().File("v", "1")).Build().OciLayoutTar()), "app");
        ImageRecord current = await _store.ImportAsync(new MemoryStream(new TestImage().Layer(new TestLayer().File("v", "2")).Build().OciLayoutTar()), "app");

        Assert.Equal(current.ManifestDigest, _store.Resolve("app").ManifestDigest);
        Assert.False(Directory.Exists(old.Layers[0].Path));
    }
}
