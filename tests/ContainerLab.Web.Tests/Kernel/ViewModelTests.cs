using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel;
using static ContainerLab.Web.Tests.Kernel.InspectionSamples;
using ContainerLab.Web.Components.Kernel.Overlay;
using ContainerLab.Web.Components.Kernel.Namespaces;
using ContainerLab.Web.Components.Kernel.Processes;
using ContainerLab.Web.Components.Kernel.Cgroups;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class ProcessTreeTests
{
    [Fact]
    public void Builds_the_tree_by_host_parent_pid_with_the_init_as_root()
    {
        var tree = ProcessTree.From(Typical);

        Assert.Equal([(InitPid, 0), (ShellPid, 1), (SleepPid, 2)], tree.Lines.Select(l => (l.Process.HostPid, l.Depth)));
        Assert.Equal([null, 0, 1], tree.Lines.Select(l => l.ParentIndex));
        Assert.True(tree.Lines[0].ParentOutside);
    }

    [Fact]
    public void Labels_both_pids_and_both_uids()
    {
        var init = ProcessTree.From(Typical).Lines[0];

        Assert.Equal("pid 1 inside / 5001 on the host", init.Pids);
        Assert.Equal("root (0) inside / 1000000000 outside", init.Users);
        Assert.Equal("1000 inside / 1000001000 outside", KernelText.UserInsideOutside(1000, 1_000_001_000));
    }

    [Fact]
    public void A_process_whose_parent_is_outside_the_sandbox_is_an_extra_root()
    {
        // e.g. a process entered with nsenter/exec: its parent is the daemon's runtime shim, not the sandbox init.
        var inspection = Typical with { Processes = [.. Typical.Processes, Process(6000, 7, 777, "exec-sh")] };

        var tree = ProcessTree.From(inspection);

        var roots = tree.Lines.Where(l => l.Depth == 0).ToList();
        Assert.Equal([InitPid, 6000], roots.Select(l => l.Process.HostPid));
        Assert.All(roots, r => Assert.True(r.ParentOutside));
        Assert.Contains("outside the sandbox", roots[1].Explanation);
        Assert.Equal(4, tree.Lines.Count);
    }

    [Fact]
    public void A_parent_loop_from_reused_pids_is_broken_and_every_process_listed_once()
    {
        var inspection = Empty with { Processes = [Process(10, 1, 11, "a"), Process(11, 2, 10, "b"), Process(12, 3, 12, "self")] };

        var tree = ProcessTree.From(inspection);

        Assert.Equal([10, 11, 12], tree.Lines.Select(l => l.Process.HostPid).Order());
    }

    [Fact]
    public void A_deep_chain_of_200_is_laid_out()
    {
        var inspection = Empty with { Processes = [.. Enumerable.Range(0, 200).Select(i => Process(100 + i, i + 1, i == 0 ? 1 : 99 + i, "sh"))] };

        var tree = ProcessTree.From(inspection);

        Assert.Equal(199, tree.Lines[^1].Depth);
        Assert.True(tree.Width > ProcessTree.TextWidth);
    }

    [Fact]
    public void No_processes_no_lines()
    {
        Assert.Empty(ProcessTree.From(Empty).Lines);
    }
}

public sealed class NamespacesModelTests
{
    [Fact]
    public void One_row_per_kind_in_a_fixed_order()
    {
        var model = NamespacesModel.From(Typical);

        Assert.Equal(["pid", "net", "mnt", "uts", "ipc", "user", "cgroup", "time"], model.Rows.Select(r => r.Kind));
    }

    [Fact]
    public void Each_row_has_the_hosts_box_then_the_sandboxs_with_its_processes()
    {
        var pid = NamespacesModel.From(Typical).Rows[0];

        Assert.Equal([NamespaceRole.Host, NamespaceRole.Sandbox], pid.Boxes.Select(b => b.Role));
        Assert.Null(pid.Boxes[0].Inode);
        Assert.Empty(pid.Boxes[0].Members);
        Assert.Equal(SandboxInodes["pid"], pid.Boxes[1].Inode);
        Assert.Equal(["init (pid 1)", "sh (pid 2)", "sleep (pid 3)"], pid.Boxes[1].Members.Select(m => m.Label));
        Assert.True(pid.Boxes[1].X > pid.Boxes[0].X);
    }

    [Fact]
    public void A_kind_nobody_has_shows_only_the_host_placeholder()
    {
        var time = NamespacesModel.From(Typical).Rows.Single(r => r.Kind == "time");

        var box = Assert.Single(time.Boxes);
        Assert.Equal(NamespaceRole.Host, box.Role);
    }

    [Fact]
    public void A_nested_unshare_adds_a_box_of_its_kind_only()
    {
        var model = NamespacesModel.From(NestedUnshare);

        var pid = model.Rows[0];
        Assert.Equal([NamespaceRole.Host, NamespaceRole.Sandbox, NamespaceRole.Nested], pid.Boxes.Select(b => b.Role));
        Assert.Equal(NestedPidInode, pid.Boxes[2].Inode);
        Assert.Equal(["sh (pid 5)"], pid.Boxes[2].Members.Select(m => m.Label));
        Assert.DoesNotContain("sh (pid 5)", pid.Boxes[1].Members.Select(m => m.Label));
        Assert.All(model.Rows.Skip(1), r => Assert.DoesNotContain(r.Boxes, b => b.Role == NamespaceRole.Nested));
        Assert.Contains("unshare", pid.Boxes[2].Explanation);
    }

    [Fact]
    public void A_namespace_shared_with_the_host_is_one_box()
    {
        var inspection = Typical with { Namespaces = [.. Typical.Namespaces, new InspectedNamespaceDto("time", 4026531834, true, true, [InitPid])] };

        var time = NamespacesModel.From(inspection).Rows.Single(r => r.Kind == "time");

        var box = Assert.Single(time.Boxes);
        Assert.Equal(NamespaceRole.Shared, box.Role);
        Assert.Contains("no isolation", box.Explanation);
    }

    [Fact]
    public void Rows_are_stacked_without_overlap()
    {
        var rows = NamespacesModel.From(Huge).Rows;

        Assert.All(rows.Zip(rows.Skip(1)), pair => Assert.True(pair.Second.Y >= pair.First.Y + pair.First.Height));
    }

    [Fact]
    public void Explains_the_pid_namespace()
    {
        Assert.Equal("a pid namespace: processes inside see their own numbering starting at 1", KernelText.ExplainNamespace("pid"));
    }
}

public sealed class CgroupModelTests
{
    [Fact]
    public void Bars_compare_usage_with_limits()
    {
        var model = CgroupModel.From(Typical);

        Assert.Equal("12 MiB of 64 MiB", model.Memory.Text);
        Assert.Equal(18.75, model.Memory.Percent);
        Assert.Equal("3 of 64", model.Pids.Text);
        Assert.Equal("0.5 CPU", model.CpuLimit);
        Assert.Equal("0", model.OomKills);
    }

    [Fact]
    public void Absent_values_read_unlimited_and_n_a()
    {
        var model = CgroupModel.From(NullCgroup);

        Assert.Equal("n/a of unlimited", model.Memory.Text);
        Assert.Null(model.Memory.Fraction);
        Assert.Equal("3 of unlimited", model.Pids.Text);
        Assert.Equal("unlimited", model.CpuLimit);
    }

    [Fact]
    public void Usage_over_the_limit_fills_the_bar_and_no_more()
    {
        var model = CgroupModel.From(Typical with { Cgroup = Cgroup(memoryLimit: 100, memoryUsage: 150) });

        Assert.Equal(100, model.Memory.Percent);
    }
}

public sealed class OverlayModelTests
{
    [Fact]
    public void The_writable_layer_is_on_top_and_image_layers_go_down_to_the_base()
    {
        var model = OverlayModel.From(Typical);

        Assert.Equal(["layer 2: bbbbbbbbbbbb", "layer 1: aaaaaaaaaaaa"], model.ImageLayers.Select(l => l.Name));
        Assert.True(model.ImageLayers[0].Y >= model.WritableHeight);
        Assert.True(model.ImageLayers[1].Y > model.ImageLayers[0].Y);
    }

    [Fact]
    public void Changes_carry_a_marker_per_kind()
    {
        var model = OverlayModel.From(Typical);

        Assert.Equal(
            [("/etc/hostname", "~"), ("/etc/motd", "−"), ("/root/notes.txt", "+"), ("/var/cache", "▣")],
            model.Changes.Select(c => (c.Path, c.Marker)));
    }
}
