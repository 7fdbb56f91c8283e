using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel.Overlay;
using ContainerLab.Web.Tests.Fakes;
using static ContainerLab.Web.Tests.Kernel.InspectionSamples;
using static ContainerLab.Web.Tests.Kernel.LayerSamples;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>The overlay as stacked plates: what lies where, what lights up, what points to the lower layer.</summary>
public sealed class OverlayPlatesTests : BunitContext
{
    private readonly FakeSandboxHost _host = new FakeSandboxHost().Seed();

    public OverlayPlatesTests() =>
        JSInterop.SetupModule("./Components/Kernel/Overlay/LayerTree.razor.js").SetupVoid("keepKeysInTree", _ => true).SetVoidResult();

    private IRenderedComponent<OverlayPanel> RenderPanel(InspectionDto inspection) =>
        Render<OverlayPanel>(p => p.Add(x => x.Inspection, inspection).Add(x => x.SandboxId, "sb-0001").Add(x => x.Host, _host).Add(x => x.Node, "node1"));

    private static InspectionDto At(InspectionDto inspection, double seconds, params FileChangeDto[] changes) =>
        inspection with { TakenAt = DateTimeOffset.UnixEpoch.AddSeconds(seconds), Filesystem = inspection.Filesystem with { Changes = changes } };

    [Fact]
    public void The_plates_stack_merged_view_over_the_writable_layer_over_the_image_layers_down_to_the_base()
    {
        var model = OverlayModel.From(Typical, new OverlayContext("node1"));

        Assert.True(OverlayModel.MergedHeight <= OverlayModel.WritableY);
        Assert.True(OverlayModel.WritableY + model.WritableHeight < model.CaptionY);
        Assert.True(model.CaptionY < model.ImageLayers[0].Y);
        Assert.Equal([1, 0], model.ImageLayers.Select(l => l.Index));
        Assert.True(model.ImageLayers[1].Y >= model.ImageLayers[0].Y + OverlayModel.LayerHeight);
        Assert.True(model.Height >= model.ImageLayers[^1].Y + OverlayModel.LayerHeight);
        // Every change row lies on the writable plate, none overflows it or the picture's width.
        foreach (var change in model.Changes)
        {
            Assert.InRange(change.Y, OverlayModel.WritableY + OverlayModel.WritableHeaderHeight - 0.01, OverlayModel.WritableY + model.WritableHeight - OverlayModel.ChangeLineHeight);
            Assert.True(OverlayModel.PathX + change.ShownPath.Length * 7.3 <= OverlayModel.Width, change.ShownPath);
        }
        Assert.Equal("writable layer (upperdir) · node1", model.WritableLabel);
        Assert.Equal("layer 1 · 3.8 MiB · 400 files", model.ImageLayers[1].Label);
        Assert.Equal("ADD rootfs.tar /", model.ImageLayers[1].CreatedBy);
    }

    [Fact]
    public void Each_change_is_named_for_what_overlayfs_did_and_the_merged_view_sums_them_up()
    {
        var cut = RenderPanel(Typical);

        Assert.Equal(["copied up", "whiteout", "added", "opaque"],
            cut.FindAll("g.change .badge-text").Select(t => t.TextContent[(t.TextContent.IndexOf(' ') + 1)..]));
        Assert.Equal("/etc/motd", cut.Find("g.change[data-kind=deleted] .change-path").TextContent);
        Assert.Contains("whiteout (character device 0/0)", cut.Find("g.change[data-kind=deleted]").GetAttribute("aria-label"));
        Assert.Contains("copied the whole file", cut.Find("g.change[data-kind=modified]").GetAttribute("aria-label"));
        Assert.Equal("1 added · 1 copied up · 1 whited out · 1 opaque", cut.Find(".merged-summary").TextContent);
        Assert.Equal("0", cut.Find("g.merged-view").GetAttribute("tabindex"));
    }

    [Fact]
    public void The_merged_summary_falls_back_to_markers_when_its_words_would_not_fit_the_plate()
    {
        FileChangeDto[] many = [.. Enumerable.Range(0, 12).Select(i => new FileChangeDto($"/a{i}", "added", false, 0)),
            .. Enumerable.Range(0, 10).Select(i => new FileChangeDto($"/m{i}", "modified", false, 0)),
            .. Enumerable.Range(0, 10).Select(i => new FileChangeDto($"/d{i}", "deleted", false, 0)), new FileChangeDto("/o", "opaque", true, 0)];

        var model = OverlayModel.From(Typical with { Filesystem = Typical.Filesystem with { Changes = many } });

        Assert.Equal("+12  ~10  −10  ▣1", model.MergedSummary);
        Assert.Equal("nothing changed: exactly the image", OverlayModel.From(Empty).MergedSummary);
        Assert.True(OverlayModel.TextX + OverlayModel.SummaryChars * 7.3 <= OverlayModel.Width);
    }

    [Fact]
    public void Each_plates_button_is_named_by_its_visible_text_first()
    {
        var cut = RenderPanel(Typical);

        // Label in name (WCAG 2.5.3): a speech user says what they see.
        foreach (var button in cut.FindAll("g.layer g[role=button]"))
        {
            string visible = string.Join(" ", button.QuerySelectorAll("text").Select(t => t.TextContent));
            Assert.StartsWith(visible, button.GetAttribute("aria-label"));
        }
    }

    [Fact]
    public void A_long_path_keeps_its_end_and_says_the_whole_path_in_its_label()
    {
        string path = "/usr/share/some/very/deep/directory/tree/file-name.txt";
        var change = new OverlayChange(path, "added", false, 1);

        Assert.Equal(OverlayChange.PathChars, change.ShownPath.Length);
        Assert.StartsWith("…", change.ShownPath);
        Assert.EndsWith("file-name.txt", change.ShownPath);
        Assert.StartsWith(path, change.Explanation);
    }

    [Fact]
    public void A_copy_up_and_a_whiteout_point_at_the_lower_plate_that_holds_the_original()
    {
        _host.SeedLayerDirectory(Bottom, "/etc", File("passwd", 340), File("hostname", 8), File("motd", 20));
        var cut = RenderPanel(Typical);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("g.connector").Count));
        var copy = cut.Find("g.connector-modified");
        Assert.Equal("/etc/hostname", copy.GetAttribute("data-path"));
        Assert.Equal("0", copy.GetAttribute("data-origin"));
        Assert.NotNull(copy.QuerySelector("circle.origin-dot"));
        Assert.NotNull(cut.Find("g.connector-deleted circle.origin-hole"));
        Assert.Contains("copied up from image layer 1", cut.Find("g.change[data-kind=modified]").GetAttribute("aria-label"));
        Assert.Contains("hides the file in image layer 1", cut.Find("g.change[data-kind=deleted]").GetAttribute("aria-label"));

        // The line starts on the base plate and ends on the writable plate, at the change's row.
        var model = OverlayModel.From(Typical, new OverlayContext(Origin: _ => 0));
        var connector = model.Connectors.Single(c => c.Kind == "modified");
        var bottom = model.ImageLayers.Single(l => l.Index == Bottom);
        Assert.InRange(connector.OriginY, bottom.Y, bottom.Y + OverlayModel.LayerHeight);
        Assert.InRange(connector.OriginX, OverlayModel.PlateX, OverlayModel.TextX);
        Assert.Equal(2, model.Connectors.Select(c => c.OriginY).Distinct().Count()); // two originals on one plate: two marks, not one over the other
        var row = model.Changes.Single(c => c.Kind == "modified");
        Assert.EndsWith($"V {KernelSvgNumber(row.Y + 1 + OverlayModel.BadgeHeight / 2)} H {KernelSvgNumber(OverlayModel.TextX - 1)}", connector.Path);
    }

    [Fact]
    public void Without_a_known_origin_a_copy_up_says_a_lower_layer_and_draws_no_line()
    {
        var cut = RenderPanel(Typical); // the fake's image layers do not have /etc/hostname or /etc/motd

        cut.WaitForAssertion(() => Assert.Equal(2, _host.LayerListings.Count));
        Assert.Empty(cut.FindAll("g.connector"));
        Assert.Contains("copied up from a lower layer", cut.Find("g.change[data-kind=modified]").GetAttribute("aria-label"));
    }

    [Fact]
    public void With_one_image_layer_the_original_is_in_it_without_listing_anything()
    {
        var single = Typical with { Filesystem = Typical.Filesystem with { Layers = [Typical.Filesystem.Layers[0]] } };

        var cut = RenderPanel(single);

        Assert.Equal(2, cut.FindAll("g.connector").Count);
        Assert.All(cut.FindAll("g.connector"), c => Assert.Equal("0", c.GetAttribute("data-origin")));
        Assert.Empty(_host.LayerListings);
    }

    [Fact]
    public void A_change_that_arrives_lights_up_then_keeps_only_its_mark()
    {
        var cut = RenderPanel(At(Typical, 0, new FileChangeDto("/etc/hostname", "modified", false, 8)));
        Assert.Empty(cut.FindAll("g.change.fresh")); // there before the panel opened
        Assert.Empty(cut.FindAll("rect.plate-flash"));

        cut.Render(p => p.Add(x => x.Inspection, At(Typical, 1,
            new FileChangeDto("/etc/hostname", "modified", false, 8), new FileChangeDto("/root/new", "added", false, 0))));
        Assert.Equal(["/root/new"], cut.FindAll("g.change.fresh").Select(g => g.GetAttribute("data-path")));
        Assert.Single(cut.FindAll("g.layer.writable rect.plate-flash"));
        Assert.Contains("lit", cut.Find("g.layer.writable").ClassName);

        // A redraw for another reason soon after (a process started) does not cut the light short.
        cut.Render(p => p.Add(x => x.Inspection, At(Typical, 1.5,
            new FileChangeDto("/etc/hostname", "modified", false, 8), new FileChangeDto("/root/new", "added", false, 0))));
        Assert.Single(cut.FindAll("g.change.fresh"));

        cut.Render(p => p.Add(x => x.Inspection, At(Typical, 3,
            new FileChangeDto("/etc/hostname", "modified", false, 8), new FileChangeDto("/root/new", "added", false, 0))));
        Assert.Empty(cut.FindAll("g.change.fresh"));
        Assert.Empty(cut.FindAll("rect.plate-flash"));
        Assert.Equal("added", cut.Find("g.change[data-path='/root/new']").GetAttribute("data-kind")); // the lasting mark
    }

    [Fact]
    public void The_image_layers_say_how_many_sandboxes_share_them()
    {
        _host.Seed("sb-0001", "s1");
        _host.Seed("sb-0002", "s1");
        _host.Seed("sb-0003", "s2");

        var cut = RenderPanel(Typical);

        cut.WaitForAssertion(() => Assert.Equal("read-only · busybox · shared by 3 sandboxes", cut.Find(".image-caption text").TextContent));
        Assert.Contains("3 on this server now, node1 included", cut.Find(".image-caption").GetAttribute("aria-label"));
    }

    [Fact]
    public void Without_the_daemons_list_the_image_layers_are_still_read_only()
    {
        var cut = RenderPanel(Typical); // sb-0001 is not in the fake's list

        Assert.Equal("read-only image layers (lowerdirs)", cut.Find(".image-caption text").TextContent);
    }

    private static string KernelSvgNumber(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class ChangeFreshnessTests
{
    [Fact]
    public void A_change_is_fresh_for_a_moment_after_the_inspection_it_first_appears_in_and_again_if_it_comes_back()
    {
        var freshness = new ChangeFreshness();
        var t0 = DateTimeOffset.UnixEpoch;

        Assert.Empty(freshness.Update(t0, [("/a", "added")]));
        Assert.Equal([("/b", "deleted")], freshness.Update(t0.AddSeconds(1), [("/a", "added"), ("/b", "deleted")]));
        Assert.Equal(t0.AddSeconds(1), freshness.LatestFresh);
        Assert.Empty(freshness.Update(t0.AddSeconds(3), [("/a", "added"), ("/b", "deleted")]));
        Assert.Null(freshness.LatestFresh);
        Assert.Empty(freshness.Update(t0.AddSeconds(4), [("/a", "added")]));
        Assert.Equal([("/b", "deleted")], freshness.Update(t0.AddSeconds(5), [("/a", "added"), ("/b", "deleted")]));
        // A name whose kind changes (a whiteout, then the file written again) is a new change.
        Assert.Equal([("/b", "modified")], freshness.Update(t0.AddSeconds(6), [("/a", "added"), ("/b", "modified")]));
    }
}

public sealed class LowerOriginsTests
{
    [Fact]
    public async Task The_top_most_lower_layer_with_the_name_holds_it_and_a_whiteout_below_ends_the_search()
    {
        var listings = new List<(int, string)>();
        var layers = new Dictionary<(int, string), LayerDirectoryDto>
        {
            [(2, "/etc")] = new(2, "/etc", [Whiteout("gone")], false),
            [(1, "/etc")] = new(1, "/etc", [File("motd", 5, "modified")], false),
            [(0, "/etc")] = new(0, "/etc", [File("motd", 3), File("gone", 1), File("passwd", 1)], false),
            [(0, "/")] = new(0, "/", [File("top", 1)], false),
        };
        var origins = new LowerOrigins((layer, path, _) =>
        {
            listings.Add((layer, path));
            return layers.TryGetValue((layer, path), out var d) ? Task.FromResult(d)
                : Task.FromException<LayerDirectoryDto>(new ContainerLab.Api.Client.ContainerLabApiException(404, "Not Found", "no such directory"));
        });

        Assert.True(await origins.ResolveAsync(["/etc/motd", "/etc/passwd", "/etc/gone", "/top", "/nowhere/x"], 3, CancellationToken.None));

        Assert.Equal(1, origins.Of("/etc/motd"));
        Assert.Equal(0, origins.Of("/etc/passwd"));
        Assert.Null(origins.Of("/etc/gone")); // whited out in layer 3: the merged view of the image never had it
        Assert.Equal(0, origins.Of("/top"));
        Assert.Null(origins.Of("/nowhere/x"));
        Assert.Equal(listings.Count, listings.Distinct().Count()); // each directory of each layer listed once
        Assert.False(await origins.ResolveAsync(["/etc/motd"], 3, CancellationToken.None));
    }
}
