using ContainerLab.Engine.Inspection;
using ContainerLab.TestSupport;
using static ContainerLab.Engine.Tests.Inspection.FilesystemTestLayers;

namespace ContainerLab.Engine.Tests.Inspection;

public sealed class FilesystemInspectorTests : IDisposable
{
    private const string Requires = "root for mknod 0/0 and trusted.* xattrs";
    private static readonly InspectedLayer[] Layers = [new("sha256:aa", 10, 1, null), new("sha256:bb", 20, 2, "RUN x")];

    private readonly TempDirectory _temp = new();
    private readonly string _upper;
    private readonly string _bottom;
    private readonly string _top;

    public FilesystemInspectorTests()
    {
        _upper = _temp.Combine("upper");
        _bottom = _temp.Combine("lower0");
        _top = _temp.Combine("lower1");
        foreach (string dir in new[] { _upper, _bottom, _top })
            Directory.CreateDirectory(dir);
        File(_bottom, "etc/passwd", "root:x:0:0");
        File(_bottom, "bin/vi");
        File(_bottom, "var/cache/a");
        File(_top, "var/cache/b");
        File(_bottom, "opt/old");
    }

    public void Dispose() => _temp.Dispose();

    private InspectedFilesystem Inspect(int maxChanges = 5000) => FilesystemInspector.Inspect(_upper, [_bottom, _top], Layers, maxChanges);

    [RootFact(Requires)]
    public void An_empty_upper_has_no_changes_and_passes_the_layers_through()
    {
        var result = Inspect();
        Assert.Empty(result.Changes);
        Assert.False(result.ChangesTruncated);
        Assert.Equal(Layers, result.Layers);
    }

    [RootFact(Requires)]
    public void A_new_file_is_added_and_its_existing_parent_is_not_a_change()
    {
        File(_upper, "etc/hostname", "box\n");
        var change = Assert.Single(Inspect().Changes);
        Assert.Equal(new FileChange("/etc/hostname", FileChangeKind.Added, false, 4), change);
    }

    [RootFact(Requires)]
    public void A_file_present_in_a_lower_is_modified()
    {
        File(_upper, "etc/passwd", "root:x:0:0\nme:x:1:1\n");
        File(_upper, "var/cache/b", "new");
        Assert.Equal(
            [new FileChange("/etc/passwd", FileChangeKind.Modified, false, 20), new FileChange("/var/cache/b", FileChangeKind.Modified, false, 3)],
            Inspect().Changes);
    }

    [RootFact(Requires)]
    public void A_whiteout_deletes_a_lower_file_or_directory()
    {
        Whiteout(_upper, "bin/vi");
        Whiteout(_upper, "var/cache");
        Assert.Equal(
            [new FileChange("/bin/vi", FileChangeKind.Deleted, false, 0), new FileChange("/var/cache", FileChangeKind.Deleted, true, 0)],
            Inspect().Changes);
    }

    [RootFact(Requires)]
    public void An_opaque_directory_is_reported_and_its_files_are_added()
    {
        Opaque(_upper, "opt");
        File(_upper, "opt/old", "replaced");
        Assert.Equal(
            [new FileChange("/opt", FileChangeKind.OpaqueDirectory, true, 0), new FileChange("/opt/old", FileChangeKind.Added, false, 8)],
            Inspect().Changes);
    }

    [RootFact(Requires)]
    public void A_new_directory_is_added_with_everything_in_it()
    {
        File(_upper, "tmp/d/f", "");
        File(_upper, "tmp/d/e/g", "12");
        Assert.Equal(
            [
                new FileChange("/tmp", FileChangeKind.Added, true, 0),
                new FileChange("/tmp/d", FileChangeKind.Added, true, 0),
                new FileChange("/tmp/d/e", FileChangeKind.Added, true, 0),
                new FileChange("/tmp/d/e/g", FileChangeKind.Added, false, 2),
                new FileChange("/tmp/d/f", FileChangeKind.Added, false, 0),
            ],
            Inspect().Changes);
    }

    [RootFact(Requires)]
    public void A_symlink_in_the_upper_is_a_change_of_its_own_and_is_not_followed()
    {
        Dir(_upper, "etc");
        // Points at a lower directory: following it would walk /var/cache as if it were under /etc/link.
        System.IO.File.CreateSymbolicLink(Path.Combine(_upper, "etc", "link"), _top);
        var change = Assert.Single(Inspect().Changes);
        Assert.Equal(new FileChange("/etc/link", FileChangeKind.Added, false, _top.Length), change);
    }

    [RootFact(Requires)]
    public void A_whiteout_in_a_higher_lower_hides_the_file_below_so_writing_it_again_is_an_addition()
    {
        Whiteout(_top, "bin/vi");
        File(_upper, "bin/vi", "new vi");
        Assert.Equal([new FileChange("/bin/vi", FileChangeKind.Added, false, 6)], Inspect().Changes);
    }

    [RootFact(Requires)]
    public void Changes_stop_at_the_maximum_and_say_so()
    {
        for (int i = 0; i < 5; i++)
            File(_upper, $"new/{i}");
        var result = Inspect(maxChanges: 3);
        Assert.Equal(["/new", "/new/0", "/new/1"], result.Changes.Select(c => c.Path));
        Assert.True(result.ChangesTruncated);

        var exact = Inspect(maxChanges: 6);
        Assert.Equal(6, exact.Changes.Count);
        Assert.False(exact.ChangesTruncated);
    }
}
