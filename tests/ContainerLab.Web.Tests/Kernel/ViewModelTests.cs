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
    public void One_row_per_kind_in_a_fixed_order_on_the_kernel()
    {
        var model = NamespacesModel.From(Typical, "node1");
        Assert.Equal(["pid", "net", "mnt", "uts", "ipc", "user", "cgroup", "time"], model.Rows.Select(r => r.Kind));
        Assert.True(model.KernelY >= model.Rows[^1].Y + model.Rows[^1].Height);
        Assert.True(model.Height > model.KernelY);
    }

    [Fact]
    public void A_private_namespace_is_the_hosts_region_around_the_hosts_processes_beside_the_sandboxs_around_its_own()
    {
        var pid = NamespacesModel.From(Typical, "node1").Rows[0];
        Assert.Equal([NamespaceRole.Host, NamespaceRole.Sandbox], pid.Regions.Select(r => r.Role));
        var (host, sandbox) = (pid.Regions[0], pid.Regions[1]);
        Assert.Null(host.Inode);
        Assert.True(host.EnclosesHostProcesses);
        Assert.Empty(host.Processes);
        Assert.False(sandbox.EnclosesHostProcesses);
        Assert.Equal(SandboxInodes["pid"], sandbox.Inode);
        Assert.Equal("node1's pid:[4026532801]", sandbox.Title);
        Assert.Equal(["init · pid 1 · host 5001", "sh · pid 2 · host 5002", "sleep · pid 3 · host 5003"], sandbox.Processes.Select(m => m.Label));
        Assert.True(sandbox.X >= host.X + host.Width, "the two regions overlap");
        Assert.Contains("the host's processes are not in it", sandbox.Explanation);
    }

    [Fact]
    public void A_kind_the_sandbox_has_none_of_shows_only_the_hosts_region()
    {
        var time = NamespacesModel.From(Typical).Rows.Single(r => r.Kind == "time");
        Assert.Equal(NamespaceRole.Host, Assert.Single(time.Regions).Role);
    }

    [Fact]
    public void A_nested_unshare_is_a_region_inside_the_sandboxs_numbered_as_its_own_pid_namespace_numbers()
    {
        var model = NamespacesModel.From(NestedUnshare, "node1");
        var pid = model.Rows[0];
        Assert.Equal([NamespaceRole.Host, NamespaceRole.Sandbox, NamespaceRole.Nested], pid.Regions.Select(r => r.Role));
        var (sandbox, nested) = (pid.Regions[1], pid.Regions[2]);
        Assert.Equal(NestedPidInode, nested.Inode);
        Assert.True(nested.X > sandbox.X && nested.Y > sandbox.Y && nested.X + nested.Width < sandbox.X + sandbox.Width
            && nested.Y + nested.Height < sandbox.Y + sandbox.Height, "the nested region is not inside the sandbox's");
        var shell = Assert.Single(nested.Processes);
        Assert.Equal("sh · pid 1 · host 5005", shell.Label);
        Assert.Equal("sh: pid 1 in its own pid namespace, 5 in the ones around it, 5005 on the host: one process, a number in every pid namespace it is in", shell.Explanation);
        Assert.DoesNotContain(sandbox.Processes, p => p.HostPid == NestedShellPid);
        // In the other rows the shell is where its namespaces are: the sandbox's, numbered as the sandbox numbers it.
        var uts = model.Rows.Single(r => r.Kind == "uts");
        Assert.DoesNotContain(uts.Regions, r => r.Role == NamespaceRole.Nested);
        Assert.Contains("sh · pid 5 · host 5005", uts.Regions[1].Processes.Select(p => p.Label));
        Assert.Contains("unshare", nested.Explanation);
    }

    [Fact]
    public void A_namespace_shared_with_the_host_is_one_region_around_the_hosts_processes_and_the_sandboxs()
    {
        var inspection = Typical with { Namespaces = [.. Typical.Namespaces, new InspectedNamespaceDto("time", 4026531834, true, true, [InitPid])] };
        var time = NamespacesModel.From(inspection, "node1").Rows.Single(r => r.Kind == "time");
        var region = Assert.Single(time.Regions);
        Assert.Equal(NamespaceRole.Shared, region.Role);
        Assert.True(region.EnclosesHostProcesses);
        Assert.Equal(NamespacesModel.HostX, region.X);
        Assert.Equal(NamespacesModel.SandboxX + NamespacesModel.SandboxWidth, region.X + region.Width);
        Assert.Equal(["init · pid 1 · host 5001"], region.Processes.Select(p => p.Label));
        Assert.Contains("no isolation", region.Explanation);
    }

    [Theory]
    [MemberData(nameof(InspectionSamples.Names), MemberType = typeof(InspectionSamples))]
    public void Every_mark_is_inside_its_region_and_rows_do_not_overlap(string sample)
    {
        var model = NamespacesModel.From(InspectionSamples.All[sample]);
        foreach (var region in model.Rows.SelectMany(r => r.Regions))
        {
            foreach (var mark in region.Processes)
            {
                Assert.InRange(mark.X, region.X, region.X + region.Width);
                Assert.InRange(mark.Y + NamespacesModel.LineHeight, region.Y, region.Y + region.Height);
            }
        }
        Assert.All(model.Rows.Zip(model.Rows.Skip(1)), pair => Assert.True(pair.Second.Y >= pair.First.Y + pair.First.Height));
    }

    [Fact]
    public void A_crowded_region_draws_eight_marks_and_counts_the_rest()
    {
        var pid = NamespacesModel.From(Huge).Rows[0];
        var sandbox = pid.Regions.Single(r => r.Role == NamespaceRole.Sandbox);
        Assert.Equal(NamespacesModel.MaxMarks, sandbox.Processes.Count);
        Assert.Equal(200 - NamespacesModel.MaxMarks, sandbox.MoreProcesses);
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
    public void The_memory_gauge_marks_the_peak_against_the_limit()
    {
        var model = CgroupModel.From(Typical with { Cgroup = Cgroup(memoryLimit: 100, memoryUsage: 10) with { MemoryPeakBytes = 100 } });

        Assert.Equal(100, model.Memory.PeakPercent);
        Assert.Equal("100 B", model.Memory.Peak);
        Assert.Null(CgroupModel.From(NullCgroup).Memory.PeakFraction); // no limit: nothing to mark it against
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
