using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel;
using static ContainerLab.Web.Tests.Kernel.InspectionSamples;
using ContainerLab.Web.Components.Kernel.Namespaces;
using ContainerLab.Web.Components.Kernel.Processes;
using ContainerLab.Web.Components.Kernel.Cgroups;
using ContainerLab.Web.Components.Kernel.Overlay;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class PanelRenderingTests : BunitContext
{
    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(InspectionSamples))]
    public void Every_panel_renders_every_sample_as_svg_with_focusable_explained_parts(string sample)
    {
        var inspection = All[sample];
        IRenderedComponent<Microsoft.AspNetCore.Components.IComponent>[] panels =
        [
            Render<NamespacesPanel>(p => p.Add(x => x.Inspection, inspection)),
            Render<ProcessesPanel>(p => p.Add(x => x.Inspection, inspection)),
            Render<CgroupPanel>(p => p.Add(x => x.Inspection, inspection)),
            Render<OverlayPanel>(p => p.Add(x => x.Inspection, inspection)),
        ];

        foreach (var panel in panels)
        {
            Assert.Empty(panel.FindAll("canvas"));
            foreach (var focusable in panel.FindAll("[tabindex]"))
            {
                Assert.Equal("0", focusable.GetAttribute("tabindex"));
                Assert.False(string.IsNullOrWhiteSpace(focusable.GetAttribute("aria-label")), focusable.OuterHtml);
                Assert.NotNull(focusable.QuerySelector("title"));
            }
        }
    }

    [Fact]
    public void Namespaces_panel_draws_eight_rows_of_regions_on_the_kernel_with_each_process_in_the_sandboxs_region()
    {
        var cut = Render<NamespacesPanel>(p => p.Add(x => x.Inspection, Typical).Add(x => x.Node, "node1"));

        Assert.Equal(["pid", "net", "mnt", "uts", "ipc", "user", "cgroup", "time"], cut.FindAll("g.ns-row").Select(r => r.GetAttribute("data-kind")));
        var pidRow = cut.Find("g.ns-row[data-kind=pid]");
        var sandbox = pidRow.QuerySelector("g.role-sandbox")!;
        Assert.Equal("node1's pid:[4026532801]", sandbox.QuerySelector(".ns-region-title")!.TextContent);
        Assert.Equal(["init · pid 1 · host 5001", "sh · pid 2 · host 5002", "sleep · pid 3 · host 5003"], sandbox.QuerySelectorAll(".ns-proc text").Select(t => t.TextContent));
        Assert.Equal(["5001", "5002", "5003"], sandbox.QuerySelectorAll(".ns-proc").Select(g => g.GetAttribute("data-host-pid")));
        var host = pidRow.QuerySelector("g.role-host")!;
        Assert.Empty(host.QuerySelectorAll(".ns-proc"));
        Assert.NotNull(host.QuerySelector(".ns-host-procs"));
        Assert.Contains("processes inside see their own numbering starting at 1", pidRow.QuerySelector(".ns-kind")!.GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("g.role-nested"));
        Assert.Contains("only kernel", cut.Find("g.ns-kernel").GetAttribute("aria-label"));
    }

    [Fact]
    public void Namespaces_panel_draws_a_nested_unshare_as_a_region_inside_the_sandboxs()
    {
        var cut = Render<NamespacesPanel>(p => p.Add(x => x.Inspection, NestedUnshare));

        var nested = Assert.Single(cut.FindAll("g.role-nested"));
        Assert.Equal("pid", nested.ParentElement!.GetAttribute("data-kind"));
        Assert.Equal(NestedPidInode.ToString(), nested.GetAttribute("data-inode"));
        Assert.Equal(["sh · pid 1 · host 5005"], nested.QuerySelectorAll(".ns-proc text").Select(t => t.TextContent));
    }

    [Fact]
    public void Namespaces_panel_grows_in_only_the_processes_new_since_its_last_drawing()
    {
        var cut = Render<NamespacesPanel>(p => p.Add(x => x.Inspection, Typical));
        Assert.Empty(cut.FindAll(".ns-proc.fresh")); // the first drawing: nothing has just started

        cut.Render(p => p.Add(x => x.Inspection, NestedUnshare));
        Assert.Equal([UnsharePid.ToString(), NestedShellPid.ToString()],
            cut.FindAll(".ns-row[data-kind=pid] .ns-proc.fresh").Select(g => g.GetAttribute("data-host-pid")).Order());

        // The same reading with a newer cgroup (the usage tick every second) is not drawn again at all.
        string drawn = cut.Markup;
        cut.Render(p => p.Add(x => x.Inspection, NestedUnshare with { Cgroup = NestedUnshare.Cgroup with { MemoryUsageBytes = 1 } }));
        Assert.Equal(drawn, cut.Markup);

        // A later reading of the same processes grows none of them again.
        cut.Render(p => p.Add(x => x.Inspection, NestedUnshare with { TakenAt = NestedUnshare.TakenAt.AddSeconds(1) }));
        Assert.Empty(cut.FindAll(".ns-proc.fresh"));
    }

    [Fact]
    public void Namespaces_panel_gives_the_same_regions_as_text_on_request()
    {
        var cut = Render<NamespacesPanel>(p => p.Add(x => x.Inspection, NestedUnshare).Add(x => x.Node, "node1"));
        Assert.Equal("false", cut.Find(".namespaces-panel .view-toggle").GetAttribute("aria-pressed"));

        cut.Find(".namespaces-panel .view-toggle").Click();

        Assert.Empty(cut.FindAll("svg"));
        Assert.Equal("true", cut.Find(".namespaces-panel .view-toggle").GetAttribute("aria-pressed"));
        var pid = cut.Find("dt[data-kind=pid] + dd");
        Assert.Equal(["host's pid: the host's own processes",
            "node1's pid:[4026532801]: init · pid 1 · host 5001, sh · pid 2 · host 5002, sleep · pid 3 · host 5003, unshare · pid 4 · host 5004",
            "new pid:[4026532999] (made inside node1): sh · pid 1 · host 5005"], pid.QuerySelectorAll("li").Select(li => li.TextContent));
    }

    [Fact]
    public void Processes_panel_draws_the_tree_with_both_pids_and_uids()
    {
        var cut = Render<ProcessesPanel>(p => p.Add(x => x.Inspection, Typical));

        var procs = cut.FindAll("g.proc");
        Assert.Equal(["0", "1", "2"], procs.Select(g => g.GetAttribute("data-depth")));
        Assert.Equal("init", procs[0].QuerySelector(".proc-command")!.TextContent);
        Assert.Equal("pid 1 (host 5001) · root (host uid 1000000000)", procs[0].QuerySelector(".proc-ids")!.TextContent);
        Assert.Equal(2, cut.FindAll("path.edge").Count);
    }

    [Fact]
    public void Processes_panel_says_so_when_nothing_runs()
    {
        var cut = Render<ProcessesPanel>(p => p.Add(x => x.Inspection, Empty));

        Assert.Contains("No processes", cut.Find(".empty").TextContent);
        Assert.Empty(cut.FindAll("svg"));
    }

    [Fact]
    public void Processes_panel_renders_200_processes()
    {
        var cut = Render<ProcessesPanel>(p => p.Add(x => x.Inspection, Huge));

        Assert.Equal(200, cut.FindAll("g.proc").Count);
    }

    [Fact]
    public void Cgroup_panel_draws_bars_against_limits()
    {
        var cut = Render<CgroupPanel>(p => p.Add(x => x.Inspection, Typical));

        Assert.Equal("12 MiB of 64 MiB", cut.Find("g.bar[data-bar=memory] .bar-text").TextContent);
        Assert.Equal("18.75", cut.Find("g.bar[data-bar=memory]").GetAttribute("aria-valuenow"));
        Assert.Equal("meter", cut.Find("g.bar[data-bar=memory]").GetAttribute("role"));
        Assert.Equal("3 of 64", cut.Find("g.bar[data-bar=pids] .bar-text").TextContent);
        Assert.Equal("0.5 CPU", cut.Find(".cpu-limit").TextContent);
        Assert.Equal("0", cut.Find(".oom-kills").TextContent);
        Assert.Equal("93.5", cut.Find("g.bar[data-bar=memory] line.peak").GetAttribute("x1")); // a peak of 12 of 64 MiB: 56 + 200 * 0.1875
        Assert.Contains("peak 12 MiB", cut.Find("g.bar[data-bar=memory]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Cgroup_panel_draws_the_nodes_branch_of_the_tree_with_its_limits()
    {
        var cut = Render<CgroupPanel>(p => p.Add(x => x.Inspection, Typical).Add(x => x.Node, "node1"));

        Assert.Equal(["/", "/containerlab", "/containerlab/sb-0001"], cut.FindAll(".cg-tree-node").Select(n => n.GetAttribute("data-path")));
        Assert.Equal(["root", "daemon", "node"], cut.FindAll(".cg-tree-node").Select(n => n.ClassList.First(c => c.StartsWith("level-", StringComparison.Ordinal))[6..]));
        Assert.Equal("node1", cut.Find(".cg-tree-node.level-node .cg-name").TextContent);
        Assert.Contains("--cgroup-parent", cut.Find(".cg-tree-node.level-daemon").GetAttribute("aria-label"));
        Assert.Equal("memory.max 64 MiB · pids.max 64 · cpu.max 0.5 CPU", cut.Find(".cg-branch-limits text").TextContent);
        Assert.Single(cut.FindAll(".cg-branch-limits tspan")); // v2's names fit on one line
    }

    [Fact]
    public void On_a_cgroup_v1_host_the_cgroup_panel_names_the_v1_files_the_student_would_read()
    {
        var v1 = new CgroupFileNamesDto("v1", "memory.limit_in_bytes", "memory.usage_in_bytes", "memory.oom_control oom_kill",
            "pids.max", "pids.events max", "cpu.cfs_quota_us", "cpu.stat nr_throttled");
        var inspection = Typical with { Cgroup = Typical.Cgroup with { FileNames = v1 } };
        var cut = Render<CgroupPanel>(p => p.Add(x => x.Inspection, inspection).Add(x => x.Node, "node1"));

        Assert.Equal("memory.limit_in_bytes 64 MiB · pids.max 64 · cpu.cfs_quota_us 0.5 CPU", cut.Find(".cg-branch-limits text").TextContent);
        // Too long for one line of the tree's width: the CPU limit continues below (a CI screenshot showed it cut off).
        Assert.Equal(["memory.limit_in_bytes 64 MiB · pids.max 64 · ", "cpu.cfs_quota_us 0.5 CPU"],
            cut.FindAll(".cg-branch-limits tspan").Select(t => t.TextContent));
        Assert.Contains("(cgroup v1)", cut.Find(".cg-branch-limits title").TextContent);
        Assert.StartsWith("memory.oom_control oom_kill:", cut.FindAll(".cgroup-facts dt")[2].GetAttribute("title"));
        Assert.DoesNotContain("memory.max", cut.Markup);
    }

    [Fact]
    public void Cgroup_panel_draws_a_timeline_per_resource_with_labelled_axes_and_events_that_open_their_explanation()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var history = new CgroupHistory();
        history.Add(t0, Cgroup() with { CpuUsageNanoseconds = 0 });
        history.Add(t0.AddSeconds(1), Cgroup(oomKills: 1) with { CpuUsageNanoseconds = 500_000_000, ThrottledPeriods = 4 });
        history.Add(t0.AddSeconds(2), Cgroup(oomKills: 1, pidsCurrent: 64) with { CpuUsageNanoseconds = 1_000_000_000, ThrottledPeriods = 8, PidsLimitHits = 2 });
        var inspection = Typical with { Cgroup = Cgroup(oomKills: 1, pidsCurrent: 64) };
        var cut = Render<CgroupPanel>(p => p.Add(x => x.Inspection, inspection).Add(x => x.History, history).Add(x => x.Node, "node1"));

        Assert.Equal(["memory", "pids", "cpu"], cut.FindAll(".cg-timeline").Select(t => t.GetAttribute("data-resource")));
        foreach (var (resource, top) in new[] { ("memory", "64 MiB"), ("pids", "64"), ("cpu", "0.5 CPU") })
        {
            var row = cut.Find($".cg-timeline[data-resource={resource}]");
            Assert.Equal([top, "0"], row.QuerySelectorAll(".cg-value").Select(v => v.TextContent));
            Assert.Equal(["-60 s", "-30 s", "now"], row.QuerySelectorAll(".cg-time").Select(v => v.TextContent));
            Assert.NotNull(row.QuerySelector("polyline.spark"));
        }
        Assert.Equal("0.5 CPU now", cut.Find(".cg-timeline[data-resource=cpu] .cg-title .cg-muted").TextContent); // 0.5 s of CPU time in the last 1 s
        Assert.Equal("oom", cut.Find(".cg-timeline[data-resource=memory] g.cg-event").GetAttribute("data-kind"));
        Assert.Equal("fork", cut.Find(".cg-timeline[data-resource=pids] g.cg-event").GetAttribute("data-kind"));
        var throttled = cut.Find(".cg-timeline[data-resource=cpu] g.cg-event");
        Assert.Equal("throttle", throttled.GetAttribute("data-kind"));
        Assert.Contains("throttled 8 periods", throttled.GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll(".cg-event-note"));

        throttled.Click();
        Assert.Contains("cpu.max quota (0.5 CPU)", cut.Find(".cg-event-note").TextContent);
        Assert.Equal("true", cut.Find(".cg-timeline[data-resource=cpu] g.cg-event").GetAttribute("aria-expanded"));
        cut.Find(".cg-timeline[data-resource=cpu] g.cg-event").Click(); // again: closed
        Assert.Empty(cut.FindAll(".cg-event-note"));
        cut.Find(".cg-timeline[data-resource=pids] g.cg-event").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Contains("fork() and clone() failed with EAGAIN", cut.Find(".cg-event-note").TextContent);
        cut.Find(".cg-note-close").Click();
        Assert.Empty(cut.FindAll(".cg-event-note"));
    }

    [Fact]
    public void Cgroup_panel_shows_unlimited_and_n_a_for_absent_values()
    {
        var cut = Render<CgroupPanel>(p => p.Add(x => x.Inspection, NullCgroup));

        Assert.Equal("n/a of unlimited", cut.Find("g.bar[data-bar=memory] .bar-text").TextContent);
        var memory = cut.Find("g.bar[data-bar=memory]");
        Assert.False(memory.HasAttribute("aria-valuenow"));
        Assert.Equal("img", memory.GetAttribute("role"));
        Assert.Empty(cut.FindAll("g.bar[data-bar=memory] rect.fill"));
        Assert.Equal("3 of unlimited", cut.Find("g.bar[data-bar=pids] .bar-text").TextContent);
        Assert.Equal("unlimited", cut.Find(".cpu-limit").TextContent);
    }

    [Fact]
    public void Overlay_panel_stacks_the_writable_layer_on_top_with_its_changes()
    {
        var cut = Render<OverlayPanel>(p => p.Add(x => x.Inspection, Typical));

        var layers = cut.FindAll("g.layer");
        Assert.Contains("writable", layers[0].ClassName);
        Assert.Equal(3, layers.Count);
        Assert.Equal(["modified", "deleted", "added", "opaque"], cut.FindAll("g.change").Select(c => c.GetAttribute("data-kind")));
        Assert.Equal(["~", "−", "+", "▣"], cut.FindAll("g.change .marker").Select(m => m.TextContent));
        Assert.Contains("whiteout", cut.Find("g.change[data-kind=deleted]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Overlay_panel_says_when_there_are_no_changes_or_more_than_shown()
    {
        Assert.NotNull(Render<OverlayPanel>(p => p.Add(x => x.Inspection, Empty)).Find(".no-changes"));
        var huge = Render<OverlayPanel>(p => p.Add(x => x.Inspection, Huge));
        Assert.Equal(200, huge.FindAll("g.change").Count);
        Assert.NotNull(huge.Find(".truncated"));
    }
}
