using AngleSharp.Dom;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using static ContainerLab.Web.Tests.Kernel.LayerSamples;
using ContainerLab.Web.Components.Kernel.Overlay;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>The file tree of one layer over the fake host: lazy directories, change markers, keyboard, errors, refresh.</summary>
public sealed class LayerTreeTests : BunitContext
{
    private readonly FakeSandboxHost _host = new FakeSandboxHost().Seed();
    private readonly BunitJSModuleInterop _module;
    private int _closed;
    private int _focusMoves;

    public LayerTreeTests()
    {
        _module = JSInterop.SetupModule("./Components/Kernel/Overlay/LayerTree.razor.js");
        _module.SetupVoid("keepKeysInTree", _ => true).SetVoidResult();
    }

    private IRenderedComponent<LayerTree> RenderLayer(int layer, string title = "the layer") =>
        Render<LayerTree>(p => p.Add(x => x.SandboxId, "sb-0001").Add(x => x.Host, _host).Add(x => x.Layer, layer).Add(x => x.Title, title)
            .Add(x => x.OnClose, EventCallback.Factory.Create(this, () => _closed++)));

    private static IElement Item(IRenderedComponent<LayerTree> cut, string path) => cut.Find($"li[data-path='{path}']");

    private static List<string> Paths(IRenderedComponent<LayerTree> cut) => [.. cut.FindAll("li[role=treeitem]").Select(li => li.GetAttribute("data-path")!)];

    [Fact]
    public void Shows_the_layers_root_as_a_tree_with_one_entry_in_the_tab_order()
    {
        var cut = RenderLayer(Bottom, "layer 1: aaaaaaaaaaaa");

        Assert.Equal("Files of layer 1: aaaaaaaaaaaa", cut.Find("h4").TextContent);
        Assert.NotNull(cut.Find("ul[role=tree]"));
        Assert.Equal(["/bin", "/etc", "/root"], Paths(cut));
        Assert.All(cut.FindAll("li[role=treeitem]"), li =>
        {
            Assert.Equal("1", li.GetAttribute("aria-level"));
            Assert.Equal("false", li.GetAttribute("aria-expanded"));
            Assert.Equal("3", li.GetAttribute("aria-setsize"));
        });
        Assert.Equal(["0", "-1", "-1"], cut.FindAll("li[role=treeitem]").Select(li => li.GetAttribute("tabindex")));
        Assert.Equal(("sb-0001", Bottom, "/"), Assert.Single(_host.LayerListings));
        _module.VerifyInvoke("keepKeysInTree");
    }

    [Fact]
    public void A_directory_loads_its_entries_when_first_opened_and_closes_without_loading_again()
    {
        var cut = RenderLayer(Bottom);

        Item(cut, "/bin").Click();

        Assert.Equal(["/bin", "/bin/busybox", "/bin/sh", "/bin/vi", "/etc", "/root"], Paths(cut));
        Assert.Equal("true", Item(cut, "/bin").GetAttribute("aria-expanded"));
        var sh = Item(cut, "/bin/sh");
        Assert.Equal("2", sh.GetAttribute("aria-level"));
        Assert.Null(sh.GetAttribute("aria-expanded")); // files are not expandable
        Assert.Equal("sh → busybox", sh.QuerySelector(".name")!.TextContent);
        Assert.Equal("lrwxrwxrwx 0:0 7 B", sh.QuerySelector(".details")!.TextContent);

        Item(cut, "/bin").Click();
        Assert.Equal(["/bin", "/etc", "/root"], Paths(cut));
        Item(cut, "/bin").Click();
        Assert.Equal(6, Paths(cut).Count);
        Assert.Equal(["/", "/bin"], _host.LayerListings.Select(l => l.Path));
    }

    [Fact]
    public void Each_change_has_a_marker_a_class_and_words_not_colour_alone()
    {
        var cut = RenderLayer(Writable, "the writable layer");
        Item(cut, "/bin").Click();

        var vi = Item(cut, "/bin/vi");
        Assert.Equal("deleted", vi.GetAttribute("data-change"));
        Assert.Contains("change-deleted", vi.ClassName);
        Assert.Equal("−", vi.QuerySelector(".marker")!.TextContent);
        Assert.Contains("whiteout", vi.GetAttribute("aria-label"));
        Assert.Equal("c--------- 1000000000:1000000000", vi.QuerySelector(".details")!.TextContent);

        Assert.Equal("▣", Item(cut, "/opt").QuerySelector(".marker")!.TextContent);
        Assert.Contains("opaque", Item(cut, "/opt").GetAttribute("aria-label"));
        Assert.Equal("~", Item(cut, "/root").QuerySelector(".marker")!.TextContent);
        Assert.Contains("merges", Item(cut, "/root").GetAttribute("aria-label"));
        // The legend names every marker in words.
        Assert.Equal(["+ added", "~ modified (also below)", "− deleted (whiteout)", "▣ opaque directory"],
            cut.FindAll(".layer-tree-legend > span").Select(s => s.TextContent));
    }

    [Fact]
    public void Enter_and_space_toggle_a_directory()
    {
        var cut = RenderLayer(Writable);

        Item(cut, "/root").KeyDown(Key.Enter);
        Assert.Contains("/root/notes.txt", Paths(cut));
        Item(cut, "/root").KeyDown(Key.Space);
        Assert.DoesNotContain("/root/notes.txt", Paths(cut));
    }

    [Fact]
    public void Arrow_keys_move_the_focus_and_open_and_close_directories()
    {
        var cut = RenderLayer(Bottom);

        Item(cut, "/bin").KeyDown(Key.Right); // opens
        Assert.Equal("true", Item(cut, "/bin").GetAttribute("aria-expanded"));
        Item(cut, "/bin").KeyDown(Key.Right); // into the first entry
        AssertFocused(cut, "/bin/busybox");
        Item(cut, "/bin/busybox").KeyDown(Key.Down);
        AssertFocused(cut, "/bin/sh");
        Item(cut, "/bin/sh").KeyDown(Key.End);
        AssertFocused(cut, "/root");
        Item(cut, "/root").KeyDown(Key.Up);
        AssertFocused(cut, "/etc");
        Item(cut, "/etc").KeyDown(Key.Home);
        AssertFocused(cut, "/bin");
        Item(cut, "/bin").KeyDown(Key.Down);
        AssertFocused(cut, "/bin/busybox");
        Item(cut, "/bin/busybox").KeyDown(Key.Left); // a file: to its parent
        AssertFocused(cut, "/bin");
        Item(cut, "/bin").KeyDown(Key.Left); // an open directory: closes
        Assert.Equal("false", Item(cut, "/bin").GetAttribute("aria-expanded"));
        Assert.Equal(["0", "-1", "-1"], cut.FindAll("li[role=treeitem]").Select(li => li.GetAttribute("tabindex")));
    }

    /// <summary>The entry is the one in the tab order, and focus was moved to an element (bUnit has no real focus to read back).</summary>
    private void AssertFocused(IRenderedComponent<LayerTree> cut, string path)
    {
        Assert.Equal("0", Item(cut, path).GetAttribute("tabindex"));
        Assert.Single(cut.FindAll("li[tabindex='0']"));
        int moves = ++_focusMoves;
        var focused = JSInterop.VerifyFocusAsyncInvoke(moves);
        Assert.IsType<ElementReference>(focused[^1].Arguments[0]);
    }

    [Fact]
    public void A_directory_that_cannot_be_opened_says_why_and_stays_closed()
    {
        var cut = RenderLayer(Writable);

        Item(cut, "/bin").Click();
        _host.LayerDirectories.Remove((Writable, "/root"));
        Item(cut, "/root").Click();

        Assert.Equal("Cannot open /root: layer 2 directory '/root' not found", cut.Find(".kernel-error").TextContent);
        Assert.Equal("false", Item(cut, "/root").GetAttribute("aria-expanded"));
        Assert.Equal("true", Item(cut, "/bin").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Shows_loading_until_the_root_arrives_and_says_when_the_daemon_is_down()
    {
        _host.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cut = RenderLayer(Bottom);
        Assert.Equal("Loading…", cut.Find(".layer-tree-loading").TextContent);
        _host.Gate.SetResult();
        cut.WaitForAssertion(() => Assert.Equal(3, Paths(cut).Count));

        _host.Gate = null;
        _host.Failure = new HttpRequestException("connection refused");
        Item(cut, "/etc").Click();
        // The read fails on the renderer's next turn, not within Click (a CI run found the error not there yet).
        cut.WaitForAssertion(() => Assert.Contains("the sandbox daemon does not answer", cut.Find(".kernel-error").TextContent));
    }

    [Fact]
    public void Refresh_reads_the_layer_again_and_keeps_open_directories_open()
    {
        var cut = RenderLayer(Writable);
        Item(cut, "/root").Click();

        _host.SeedLayerDirectory(Writable, "/root", File("notes.txt", 12), File("todo", 1));
        cut.Find("button.layer-tree-refresh").Click();

        Assert.Equal(["/bin", "/opt", "/root", "/root/notes.txt", "/root/todo"], Paths(cut));
    }

    [Fact]
    public void Close_asks_the_parent_to_hide_the_tree()
    {
        var cut = RenderLayer(Bottom);
        cut.Find("button.layer-tree-close").Click();
        Assert.Equal(1, _closed);
    }

    [Fact]
    public void An_empty_layer_and_a_truncated_root_say_so()
    {
        _host.SeedLayerDirectory(1, "/");
        Assert.Equal("This layer is empty.", RenderLayer(1).Find(".layer-tree-empty").TextContent);

        _host.LayerDirectories[(1, "/")] = new(1, "/", [Dir("a"), Dir("b")], Truncated: true);
        Assert.Contains("first 2 entries", RenderLayer(1).Find(".layer-tree-truncated").TextContent);
    }
}
