using ContainerLab.Engine.Inspection.Watching;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Inspection.Watching;

/// <summary>inotify on a real directory standing in for an overlay upper: what a student's changes look like.</summary>
public sealed class UpperDirWatchTests : IDisposable
{
    private readonly TempDirectory _upper = new("clab-upper-");
    private readonly TempDirectory _outside = new("clab-outside-");

    public void Dispose()
    {
        _upper.Dispose();
        _outside.Dispose();
    }

    private static HashSet<string> Drain(UpperDirWatch watch, out bool any)
    {
        var changed = new HashSet<string>();
        any = watch.Drain(changed);
        return changed;
    }

    [Fact]
    public void Nothing_happened_is_nothing_and_a_new_file_is_its_sandbox_path()
    {
        Directory.CreateDirectory(_upper.Combine("root"));
        using var watch = UpperDirWatch.Open(_upper.Path);
        Assert.Empty(Drain(watch, out bool any));
        Assert.False(any);

        File.WriteAllText(_upper.Combine("root", "new"), "x");

        Assert.Contains("/root/new", Drain(watch, out any));
        Assert.True(any);
    }

    [Fact]
    public void A_tree_made_at_once_is_watched_to_its_deepest_directory()
    {
        using var watch = UpperDirWatch.Open(_upper.Path);
        Directory.CreateDirectory(_upper.Combine("a", "b", "c"));
        var first = Drain(watch, out _);
        Assert.Contains("/a", first);
        Assert.Contains("/a/b/c", first); // b and c may exist before a's watch: a was read when it was added

        File.WriteAllText(_upper.Combine("a", "b", "c", "deep"), "x");
        Assert.Contains("/a/b/c/deep", Drain(watch, out _));
        Assert.Equal(4, watch.WatchCount);
    }

    [Fact]
    public void A_symlink_to_a_directory_outside_is_never_watched()
    {
        File.CreateSymbolicLink(_upper.Combine("escape"), _outside.Path);
        using var watch = UpperDirWatch.Open(_upper.Path);
        Directory.CreateSymbolicLink(_upper.Combine("later"), _outside.Path);
        Drain(watch, out _);
        int watches = watch.WatchCount;

        File.WriteAllText(Path.Combine(_outside.Path, "host-secret"), "x");

        Assert.DoesNotContain(Drain(watch, out _), path => path.Contains("host-secret", StringComparison.Ordinal));
        Assert.Equal(1, watches); // the upper itself only
    }

    [Fact]
    public void Past_the_cap_the_watch_says_it_is_incomplete()
    {
        for (int i = 0; i < 5; i++)
            Directory.CreateDirectory(_upper.Combine($"d{i}"));
        using var watch = UpperDirWatch.Open(_upper.Path, maxWatches: 3);
        Assert.Equal(3, watch.WatchCount);
        Assert.True(watch.Incomplete);
    }

    [Fact]
    public void A_removed_directory_gives_its_path_and_frees_its_watch()
    {
        Directory.CreateDirectory(_upper.Combine("tmp", "work"));
        using var watch = UpperDirWatch.Open(_upper.Path);
        Assert.Equal(3, watch.WatchCount);

        Directory.Delete(_upper.Combine("tmp", "work"));

        Assert.Contains("/tmp/work", Drain(watch, out _));
        Assert.Equal(2, watch.WatchCount);
    }
}
