using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Images;

/// <summary>Leases: the layers a sandbox stands on outlive a delete or a re-import of the name, and go with the last lease.</summary>
public sealed class ImageLeaseTests : IDisposable
{
    private const string Root = "root for lchown while unpacking";
    private readonly TempDirectory _temp = new();
    private readonly ImageStore _store;

    public ImageLeaseTests() => _store = new ImageStore(_temp.Combine("images"));

    public void Dispose() => _temp.Dispose();

    private Task<ImageRecord> ImportAsync(string name, string content) =>
        _store.ImportAsync(new MemoryStream(new TestImage().Layer(new TestLayer().Dir("./").File("marker", content)).Build().OciLayoutTar()), name);

    [RootFact(Root)]
    public async Task A_delete_is_refused_naming_the_holders_and_a_forced_one_keeps_leased_layers_until_released()
    {
        ImageRecord image = await ImportAsync("app", "one");
        using ImageLease first = await _store.LeaseAsync("app", "sandbox 'a' (aaaa)");
        ImageLease second = await _store.LeaseAsync("app:latest", "sandbox 'b' (bbbb)");

        var conflict = Assert.Throws<ConflictException>(() => _store.Remove("app"));
        Assert.Contains("sandbox 'a' (aaaa)", conflict.Message);
        Assert.Contains("sandbox 'b' (bbbb)", conflict.Message);
        Assert.True(_store.TryResolve("app", out _));

        _store.Remove("app", force: true);
        Assert.False(_store.TryResolve("app", out _));
        Assert.True(Directory.Exists(image.Layers[0].Path));

        second.Dispose();
        Assert.True(Directory.Exists(image.Layers[0].Path), "one lease is still held");
        first.Dispose();
        first.Dispose(); // releasing twice is harmless
        Assert.False(Directory.Exists(image.Layers[0].Path));
        await Assert.ThrowsAsync<NotFoundException>(() => _store.LeaseAsync("app", "sandbox 'c' (cccc)"));
    }

    [RootFact(Root)]
    public async Task A_reimport_replaces_the_name_while_leases_keep_the_old_version_and_do_not_block_deleting_the_new()
    {
        ImageRecord old = await ImportAsync("app", "old");
        using ImageLease lease = await _store.LeaseAsync("app", "sandbox 'a' (aaaa)");

        ImageRecord replacement = await ImportAsync("app", "new");

        Assert.NotEqual(old.ManifestDigest, replacement.ManifestDigest);
        Assert.Equal(old.ManifestDigest, lease.Image.ManifestDigest);
        Assert.True(File.Exists(Path.Combine(old.Layers[0].Path, "marker")));
        _store.Remove("app"); // nobody stands on the new version
        Assert.True(Directory.Exists(old.Layers[0].Path));
        Assert.False(Directory.Exists(replacement.Layers[0].Path));
        lease.Dispose();
        Assert.Empty(Directory.GetDirectories(_temp.Combine("images", "layers")));
    }

    [RootFact(Root)]
    public async Task Another_store_object_on_the_same_root_sees_the_leases_and_a_new_store_collects_orphaned_layers()
    {
        ImageRecord image = await ImportAsync("app", "one");
        _ = await _store.LeaseAsync("app", "sandbox 'a' (aaaa)"); // never released: the daemon "dies" holding it
        var sameRoot = new ImageStore(_temp.Combine("images"));

        Assert.Throws<ConflictException>(() => sameRoot.Remove("app"));
        sameRoot.Remove("app", force: true);
        Assert.True(Directory.Exists(image.Layers[0].Path));

        // The next daemon (a new process: no leases; here a new root) finds a layer no image uses and collects it.
        Directory.CreateDirectory(_temp.Combine("copy"));
        string copyRoot = _temp.Combine("copy", "images");
        Directory.Move(_temp.Combine("images"), copyRoot);
        _ = new ImageStore(copyRoot);
        Assert.Empty(Directory.GetDirectories(Path.Combine(copyRoot, "layers")));
    }
}
