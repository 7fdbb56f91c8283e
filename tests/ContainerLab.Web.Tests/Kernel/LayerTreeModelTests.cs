using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Tests.Fakes;
using static ContainerLab.Web.Tests.Kernel.LayerSamples;
using ContainerLab.Web.Components.Kernel.Overlay;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class LayerTreeModelTests
{
    private readonly FakeSandboxHost _host = new FakeSandboxHost().Seed();

    private LayerTreeModel Model(int layer) => new((path, ct) => _host.ListLayerFilesAsync("sb-0001", layer, path, ct));

    [Fact]
    public async Task Visible_lists_open_directories_depth_first_with_levels_and_positions()
    {
        var model = Model(Writable);
        await model.LoadRootAsync(CancellationToken.None);
        await model.ToggleAsync(model.Roots[0], CancellationToken.None); // /bin
        await model.ToggleAsync(model.Roots[1], CancellationToken.None); // /opt

        var visible = model.Visible();
        Assert.Equal(["/bin", "/bin/vi", "/opt", "/opt/new", "/root"], visible.Select(n => n.Path));
        Assert.Equal([1, 2, 1, 2, 1], visible.Select(n => n.Depth));
        Assert.Equal([(1, 3), (1, 1), (2, 3), (1, 1), (3, 3)], visible.Select(n => (n.Position, n.SetSize)));
        Assert.Same(model.Roots[0], visible[1].Parent);
    }

    [Fact]
    public async Task Files_do_not_toggle_and_a_directory_loads_once()
    {
        var model = Model(Bottom);
        await model.LoadRootAsync(CancellationToken.None);
        var bin = model.Roots[0];
        await model.ToggleAsync(bin, CancellationToken.None);
        var busybox = bin.Children![0];
        await model.ToggleAsync(busybox, CancellationToken.None);
        await model.ToggleAsync(bin, CancellationToken.None);
        await model.ToggleAsync(bin, CancellationToken.None);

        Assert.False(busybox.Expanded);
        Assert.True(bin.Expanded);
        Assert.Equal(["/", "/bin"], _host.LayerListings.Select(l => l.Path));
    }

    [Fact]
    public async Task Refresh_reopens_what_was_open_and_drops_what_disappeared()
    {
        var model = Model(Writable);
        await model.LoadRootAsync(CancellationToken.None);
        await model.ToggleAsync(model.Roots[0], CancellationToken.None);
        _host.SeedLayerDirectory(Writable, "/", Dir("bin", "modified"), Dir("tmp"));
        _host.SeedLayerDirectory(Writable, "/bin", Whiteout("vi"), Whiteout("less"));

        await model.RefreshAsync(CancellationToken.None);

        Assert.Equal(["/bin", "/bin/vi", "/bin/less", "/tmp"], model.Visible().Select(n => n.Path));
    }

    [Fact]
    public void Labels_and_details_read_like_ls()
    {
        var link = new LayerTreeNode(Link("sh", "busybox"), "/bin/sh", 2, null, 1, 1);
        Assert.Equal(("sh → busybox", "lrwxrwxrwx 0:0 7 B"), (link.Label, link.Details));
        var dir = new LayerTreeNode(Dir("etc"), "/etc", 1, null, 1, 1);
        Assert.Equal(("etc/", "drwxr-xr-x 0:0"), (dir.Label, dir.Details));
        var whiteout = new LayerTreeNode(Whiteout("vi"), "/bin/vi", 2, null, 1, 1);
        Assert.StartsWith("vi, whiteout, deleted", whiteout.Explanation);
    }

    [Fact]
    public async Task Keys_toggle_directories_and_move_through_visible_entries()
    {
        var model = Model(Bottom);
        await model.LoadRootAsync(CancellationToken.None);
        var (bin, etc, root) = (model.Roots[0], model.Roots[1], model.Roots[2]);

        Assert.Equal((true, (LayerTreeNode?)null), model.KeyAction(bin, "ArrowRight")); // closed: opens
        await model.ToggleAsync(bin, CancellationToken.None);
        var busybox = bin.Children![0];
        Assert.Equal((false, busybox), model.KeyAction(bin, "ArrowRight")); // open: into it
        Assert.Equal((false, busybox), model.KeyAction(bin, "ArrowDown"));
        Assert.Equal((false, bin), model.KeyAction(busybox, "ArrowUp"));
        Assert.Equal((false, bin), model.KeyAction(busybox, "ArrowLeft")); // a file: to its parent
        Assert.Equal((true, (LayerTreeNode?)null), model.KeyAction(bin, "ArrowLeft")); // open: closes
        Assert.Equal((false, root), model.KeyAction(bin, "End"));
        Assert.Equal((false, bin), model.KeyAction(etc, "Home"));
        Assert.Equal((true, (LayerTreeNode?)null), model.KeyAction(etc, "Enter"));
        Assert.Equal((true, (LayerTreeNode?)null), model.KeyAction(etc, " "));
        Assert.Equal((false, (LayerTreeNode?)null), model.KeyAction(busybox, "Enter")); // files do not toggle
        Assert.Equal((false, (LayerTreeNode?)null), model.KeyAction(root, "ArrowDown")); // nothing after the last
        Assert.Equal((false, (LayerTreeNode?)null), model.KeyAction(bin, "ArrowUp"));
        Assert.Equal((false, (LayerTreeNode?)null), model.KeyAction(etc, "ArrowLeft")); // top level, closed: stays
        Assert.Equal((false, (LayerTreeNode?)null), model.KeyAction(etc, "a"));
    }

    [Theory]
    [InlineData(0x41EDu, "drwxr-xr-x")]
    [InlineData(0x81A4u, "-rw-r--r--")]
    [InlineData(0x89EDu, "-rwsr-xr-x")]
    [InlineData(0x81A4u | 0x800u, "-rwSr--r--")]
    [InlineData(0x81FFu | 0x400u, "-rwxrwsrwx")]
    [InlineData(0x41FFu | 0x200u, "drwxrwxrwt")]
    [InlineData(0x41FCu | 0x200u, "drwxrwxr-T")]
    [InlineData(0xA1FFu, "lrwxrwxrwx")]
    [InlineData(0x2000u, "c---------")]
    [InlineData(0x11A4u, "prw-r--r--")]
    public void File_modes_are_written_as_ls_does(uint mode, string expected) => Assert.Equal(expected, KernelText.FileMode(mode));

    [Fact]
    public async Task A_failed_directory_sets_the_error_and_the_next_success_clears_it()
    {
        var model = Model(Bottom);
        await model.LoadRootAsync(CancellationToken.None);
        var root = model.Roots.Single(n => n.Path == "/root");
        await model.ToggleAsync(root, CancellationToken.None);
        Assert.Equal("Cannot open /root: layer 0 directory '/root' not found", model.Error);
        Assert.False(root.Expanded);
        Assert.Null(root.Children);

        await model.ToggleAsync(model.Roots[0], CancellationToken.None);
        Assert.Null(model.Error);
    }
}
