using Microsoft.AspNetCore.Components;
using ContainerLab.Web.Components.Kernel;
using ContainerLab.Web.Tests.Fakes;
using static ContainerLab.Web.Tests.Kernel.LayerSamples;
using ContainerLab.Web.Components.Kernel.Overlay;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>Each layer of the stack is a toggle button that shows its files below the stack.</summary>
public sealed class OverlayPanelSelectionTests : BunitContext
{
    private readonly FakeSandboxHost _host = new FakeSandboxHost().Seed();

    public OverlayPanelSelectionTests() =>
        JSInterop.SetupModule("./Components/Kernel/Overlay/LayerTree.razor.js").SetupVoid("keepKeysInTree", _ => true).SetVoidResult();

    private IRenderedComponent<OverlayPanel> RenderPanel() =>
        Render<OverlayPanel>(p => p.Add(x => x.Inspection, InspectionSamples.Typical).Add(x => x.SandboxId, "sb-0001").Add(x => x.Host, _host));

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<OverlayPanel> cut, int layer) =>
        cut.Find($"g.layer[data-layer='{layer}'] g[role=button]");

    /// <summary>
    /// A panel that goes (the student picks another node, the page closes) while its daemon reads are in flight: when
    /// the reads come back it must stop quietly. It threw ObjectDisposedException from its disposed token source, which
    /// the circuit logged as an unhandled rendering exception.
    /// </summary>
    [Fact]
    public async Task A_panel_disposed_while_its_reads_are_in_flight_ends_them_quietly()
    {
        _host.Gate = new TaskCompletionSource();
        var cut = RenderPanel();
        var pending = cut.InvokeAsync(() => cut.Instance.SetParametersAsync(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(OverlayPanel.Inspection)] = InspectionSamples.NestedUnshare with { TakenAt = DateTimeOffset.UnixEpoch.AddMinutes(5) },
            [nameof(OverlayPanel.SandboxId)] = "sb-0001",
            [nameof(OverlayPanel.Host)] = _host,
        })));
        await DisposeComponentsAsync();
        _host.Gate.SetResult();
        await pending; // before the fix: ObjectDisposedException (the disposed source's Token)
    }

    [Fact]
    public void Every_layer_is_a_collapsed_button_and_no_tree_shows_at_first()
    {
        var cut = RenderPanel();

        Assert.Equal(["2", "1", "0"], cut.FindAll("g.layer").Select(g => g.GetAttribute("data-layer"))); // top first
        foreach (var button in cut.FindAll("g.layer g[role=button]"))
        {
            Assert.Equal("0", button.GetAttribute("tabindex"));
            Assert.Equal("false", button.GetAttribute("aria-expanded"));
            Assert.Null(button.GetAttribute("aria-controls"));
            Assert.Contains("Show its files", button.GetAttribute("aria-label"));
        }
        Assert.Empty(cut.FindAll(".layer-tree"));
        // No tree loaded: no layer's root was listed. The only listings are the lookup of which image layer holds the
        // copied-up /etc/hostname and the whited-out /etc/motd (one /etc per image layer, top first).
        Assert.DoesNotContain(_host.LayerListings, l => l.Path == "/");
        Assert.Equal([("sb-0001", 1, "/etc"), ("sb-0001", Bottom, "/etc")], _host.LayerListings);
    }

    [Fact]
    public void Clicking_the_writable_layer_shows_its_files_below_the_stack()
    {
        var cut = RenderPanel();

        Button(cut, Writable).Click();

        var tree = cut.Find("section.layer-tree");
        Assert.Equal("Files of the writable layer", tree.QuerySelector("h4")!.TextContent);
        Assert.Equal("true", Button(cut, Writable).GetAttribute("aria-expanded"));
        Assert.Equal(tree.Id, Button(cut, Writable).GetAttribute("aria-controls"));
        Assert.Contains("selected", cut.Find($"g.layer[data-layer='{Writable}']").ClassName);
        Assert.Equal("▾ files", Button(cut, Writable).QuerySelector(".layer-action")!.TextContent);
        Assert.Equal(("sb-0001", Writable, "/"), Assert.Single(_host.LayerListings, l => l.Layer == Writable));
        Assert.DoesNotContain(_host.LayerListings, l => l.Layer != Writable && l.Path != "/etc"); // only the origins' lookup
        // The tree comes after the diagram, inside the panel.
        Assert.Equal("svg", tree.PreviousElementSibling!.TagName, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Choosing_another_layer_switches_the_tree_and_choosing_it_again_hides_it()
    {
        var cut = RenderPanel();
        Button(cut, Writable).Click();

        Button(cut, Bottom).Click();
        Assert.Equal("Files of layer 1: aaaaaaaaaaaa", cut.Find(".layer-tree h4").TextContent);
        Assert.Equal("false", Button(cut, Writable).GetAttribute("aria-expanded"));
        Assert.Equal(["/bin", "/etc", "/root"], cut.FindAll("li[role=treeitem]").Select(li => li.GetAttribute("data-path")));

        Button(cut, Bottom).Click();
        Assert.Empty(cut.FindAll(".layer-tree"));
        Assert.Equal("false", Button(cut, Bottom).GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Enter_and_space_on_a_layer_toggle_its_tree()
    {
        var cut = RenderPanel();

        Button(cut, Writable).KeyDown(Key.Enter);
        Assert.Single(cut.FindAll(".layer-tree"));
        Button(cut, Writable).KeyDown(Key.Space);
        Assert.Empty(cut.FindAll(".layer-tree"));
        Button(cut, Writable).KeyDown(Key.Tab);
        Assert.Empty(cut.FindAll(".layer-tree"));
    }

    [Fact]
    public void Close_hides_the_tree_and_gives_focus_back_to_the_layer()
    {
        var cut = RenderPanel();
        Button(cut, Writable).Click();

        cut.Find("button.layer-tree-close").Click();

        Assert.Empty(cut.FindAll(".layer-tree"));
        Assert.Equal("false", Button(cut, Writable).GetAttribute("aria-expanded"));
        JSInterop.VerifyFocusAsyncInvoke();
    }

    [Fact]
    public void The_tree_survives_a_new_inspection_without_loading_again()
    {
        var cut = RenderPanel();
        Button(cut, Writable).Click();
        cut.Find("li[data-path='/root']").Click();

        cut.Render(p => p.Add(x => x.Inspection, InspectionSamples.Typical with { TakenAt = DateTimeOffset.UnixEpoch.AddSeconds(1) }));

        Assert.Contains("/root/notes.txt", cut.FindAll("li[role=treeitem]").Select(li => li.GetAttribute("data-path")));
        Assert.Equal(["/", "/root"], _host.LayerListings.Where(l => l.Layer == Writable).Select(l => l.Path));
        // Image layers never change: the origins' lookup listed each image layer's /etc once, not again for the new inspection.
        Assert.Equal(2, _host.LayerListings.Count(l => l.Layer != Writable));
    }
}
