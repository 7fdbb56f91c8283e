using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Inspection;
using ContainerLab.TestSupport;
using static ContainerLab.Engine.Tests.Inspection.FilesystemTestLayers;

namespace ContainerLab.Engine.Tests.Inspection;

/// <summary>One directory of one layer, with what the layer did compared with the layers below, on real directories.</summary>
public sealed class LayerDirectoryReaderTests : IDisposable
{
    private const string Requires = "root for mknod 0/0, trusted.* xattrs and chown";
    private const int Bottom = 0, Middle = 1, Writable = 2;

    private readonly TempDirectory _temp = new();
    private readonly string _bottom, _middle, _upper, _outside;

    public LayerDirectoryReaderTests()
    {
        _bottom = _temp.Combine("lower0");
        _middle = _temp.Combine("lower1");
        _upper = _temp.Combine("upper");
        _outside = _temp.Combine("host-etc");
        foreach (string dir in new[] { _bottom, _middle, _upper, _outside })
            Directory.CreateDirectory(dir);
        File(_bottom, "etc/passwd", "root:x:0:0");
        File(_bottom, "bin/vi", "vi");
        File(_bottom, "bin/sh", "sh");
        File(_bottom, "var/cache/a");
        File(_bottom, "opt/old");
        File(_bottom, "srv");
        File(_middle, "var/cache/b");
        File(_outside, "shadow", "secret");
    }

    public void Dispose() => _temp.Dispose();

    private LayerDirectory List(int layer, string path, int maxEntries = LayerDirectoryReader.DefaultMaxEntries) =>
        LayerDirectoryReader.Read([_bottom, _middle, _upper], layer, path, maxEntries);

    private static Dictionary<string, LayerFile> ByName(LayerDirectory directory) => directory.Entries.ToDictionary(e => e.Name);

    [RootFact(Requires)]
    public void Everything_in_the_bottom_layer_is_added_and_listed_by_name()
    {
        var root = List(Bottom, "/");

        Assert.Equal("/", root.Path);
        Assert.Equal(["bin", "etc", "opt", "srv", "var"], root.Entries.Select(e => e.Name));
        Assert.All(root.Entries, e => Assert.Equal(FileChangeKind.Added, e.Change));
        Assert.Equal(LayerFileKind.Directory, ByName(root)["bin"].Kind);
        Assert.Equal(LayerFileKind.File, ByName(root)["srv"].Kind);
        var vi = ByName(List(Bottom, "/bin"))["vi"];
        Assert.Equal((LayerFileKind.File, 2L, (string?)null), (vi.Kind, vi.Size, vi.LinkTarget));
        Assert.False(root.Truncated);
    }

    [RootFact(Requires)]
    public void A_higher_layer_adds_new_names_and_modifies_names_the_layers_below_have()
    {
        Assert.Equal(FileChangeKind.Modified, ByName(List(Middle, "/var"))["cache"].Change); // a directory they have too: merged
        Assert.Equal(FileChangeKind.Added, ByName(List(Middle, "/var/cache"))["b"].Change);

        File(_upper, "var/cache/a", "changed");
        File(_upper, "var/cache/b", "changed");
        File(_upper, "var/cache/c");
        var cache = ByName(List(Writable, "/var/cache/"));
        Assert.Equal(FileChangeKind.Modified, cache["a"].Change); // from the bottom layer, through the middle's merged directory
        Assert.Equal(FileChangeKind.Modified, cache["b"].Change);
        Assert.Equal(FileChangeKind.Added, cache["c"].Change);
    }

    [RootFact(Requires)]
    public void A_directory_replacing_a_file_and_a_file_replacing_a_directory_are_modifications()
    {
        Dir(_upper, "srv/www");
        File(_upper, "opt", "now a file");
        var root = ByName(List(Writable, "/"));

        Assert.Equal((LayerFileKind.Directory, FileChangeKind.Modified), (root["srv"].Kind, root["srv"].Change));
        Assert.Equal((LayerFileKind.File, FileChangeKind.Modified), (root["opt"].Kind, root["opt"].Change));
        // Nothing of the bottom layer's file /srv is merged into the new directory.
        Assert.Equal(FileChangeKind.Added, ByName(List(Writable, "/srv"))["www"].Change);
    }

    [RootFact(Requires)]
    public void A_whiteout_is_listed_as_deleted()
    {
        Whiteout(_upper, "bin/vi");
        var bin = ByName(List(Writable, "/bin"));

        var vi = Assert.Single(bin.Values);
        Assert.Equal(("vi", LayerFileKind.Other, FileChangeKind.Deleted, 0L), (vi.Name, vi.Kind, vi.Change, vi.Size));
        Assert.Equal(Interop.S_IFCHR, vi.Mode & Interop.S_IFMT);
    }

    [RootFact(Requires)]
    public void A_whiteout_in_a_layer_below_hides_the_name_so_writing_it_again_is_an_addition()
    {
        Whiteout(_middle, "bin/vi");
        File(_upper, "bin/vi", "new vi");

        Assert.Equal(FileChangeKind.Deleted, ByName(List(Middle, "/bin"))["vi"].Change);
        Assert.Equal(FileChangeKind.Added, ByName(List(Writable, "/bin"))["vi"].Change);
    }

    [RootFact(Requires)]
    public void An_opaque_directory_is_listed_as_such_and_everything_in_it_is_added()
    {
        Opaque(_upper, "opt");
        File(_upper, "opt/old", "replaced");

        Assert.Equal(FileChangeKind.OpaqueDirectory, ByName(List(Writable, "/"))["opt"].Change);
        Assert.Equal(FileChangeKind.Added, ByName(List(Writable, "/opt"))["old"].Change);
    }

    [RootFact(Requires)]
    public void Mode_and_owner_are_reported_as_stored()
    {
        File(_upper, "usr/bin/su");
        string su = Path.Combine(_upper, "usr", "bin", "su");
        Interop.Check(() => Interop.Libc.Chown(su, 1000, 1001), "chown", su);
        System.IO.File.SetUnixFileMode(su, (UnixFileMode)0x9ED); // again: chown clears setuid

        var entry = ByName(List(Writable, "/usr/bin"))["su"];
        Assert.Equal(Interop.S_IFREG | 0x9ED, entry.Mode);
        Assert.Equal((1000L, 1001L), (entry.Uid, entry.Gid));
    }

    [RootFact(Requires)]
    public void A_symlink_in_the_writable_layer_is_listed_with_its_target_and_never_followed()
    {
        // The student is root in the sandbox: a symlink in the upper may point anywhere on the host.
        Dir(_upper, "etc");
        System.IO.File.CreateSymbolicLink(Path.Combine(_upper, "etc", "evil"), _outside);
        System.IO.File.CreateSymbolicLink(Path.Combine(_upper, "evil"), _outside);

        var link = ByName(List(Writable, "/etc"))["evil"];
        Assert.Equal((LayerFileKind.Symlink, _outside, (long)_outside.Length, FileChangeKind.Added), (link.Kind, link.LinkTarget, link.Size, link.Change));

        foreach (string path in new[] { "/evil", "/etc/evil", "/etc/evil/", "/evil/.", "/etc/evil/shadow" })
        {
            var refusal = Assert.Throws<InvalidRequestException>(() => List(Writable, path));
            Assert.Contains("symlink", refusal.Message);
        }
    }

    [RootFact(Requires)]
    public void A_directory_swapped_for_a_symlink_is_refused_at_any_depth()
    {
        File(_upper, "a/b/c/f");
        Assert.Single(List(Writable, "/a/b/c").Entries);

        Directory.Delete(Path.Combine(_upper, "a", "b"), recursive: true);
        System.IO.File.CreateSymbolicLink(Path.Combine(_upper, "a", "b"), _temp.Path);

        Assert.Throws<InvalidRequestException>(() => List(Writable, "/a/b/c"));
        Assert.Throws<InvalidRequestException>(() => List(Writable, "/a/b"));
    }

    [RootTheory(Requires)]
    [InlineData("/..")]
    [InlineData("/../..")]
    [InlineData("/etc/../../host-etc")]
    [InlineData("..")]
    [InlineData("etc")]
    [InlineData("")]
    [InlineData("/etc\0/passwd")]
    public void Paths_that_climb_or_are_not_absolute_are_refused(string path)
    {
        Assert.Throws<InvalidRequestException>(() => List(Writable, path));
    }

    [RootFact(Requires)]
    public void Files_whiteouts_missing_directories_and_missing_layers_are_clear_errors()
    {
        Whiteout(_upper, "var");

        Assert.Contains("not a directory", Assert.Throws<InvalidRequestException>(() => List(Bottom, "/srv")).Message);
        Assert.Contains("whiteout", Assert.Throws<InvalidRequestException>(() => List(Writable, "/var")).Message);
        Assert.Throws<NotFoundException>(() => List(Bottom, "/nowhere"));
        Assert.Throws<NotFoundException>(() => List(3, "/"));
        Assert.Throws<NotFoundException>(() => List(-1, "/"));
    }

    [RootFact(Requires)]
    public void Entries_stop_at_the_maximum_and_say_so()
    {
        for (int i = 0; i < 5; i++)
            File(_upper, $"many/{i}");

        var capped = List(Writable, "/many", maxEntries: 3);
        Assert.Equal(3, capped.Entries.Count);
        Assert.True(capped.Truncated);
        Assert.Equal(capped.Entries.Select(e => e.Name).Order(StringComparer.Ordinal), capped.Entries.Select(e => e.Name));

        var exact = List(Writable, "/many", maxEntries: 5);
        Assert.Equal(["0", "1", "2", "3", "4"], exact.Entries.Select(e => e.Name));
        Assert.False(exact.Truncated);
    }

    [RootFact(Requires)]
    public void A_directory_larger_than_one_read_buffer_is_read_whole()
    {
        string big = Directory.CreateDirectory(Path.Combine(_upper, "big")).FullName;
        for (int i = 0; i < 3000; i++)
            System.IO.File.WriteAllBytes(Path.Combine(big, $"file-with-a-longish-name-{i:D5}"), []);

        var all = List(Writable, "/big", maxEntries: 5000);
        Assert.Equal(3000, all.Entries.Count);
        Assert.False(all.Truncated);
        Assert.Equal(2000, List(Writable, "/big").Entries.Count);
    }
}
