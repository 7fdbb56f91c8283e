using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Tests.Cgroups;

public sealed class V2CgroupTests
{
    private const string Sandbox = "containerlab/abc";

    private static void WriteSandbox(FakeCgroupTree tree, string path = Sandbox)
    {
        tree.Write($"{path}/memory.current", "1048576\n");
        tree.Write($"{path}/memory.max", "268435456\n");
        tree.Write($"{path}/memory.swap.max", "max\n");
        tree.Write($"{path}/memory.peak", "2097152\n");
        tree.Write($"{path}/memory.events", "low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n");
        tree.Write($"{path}/pids.current", "4\n");
        tree.Write($"{path}/pids.max", "256\n");
        tree.Write($"{path}/pids.events", "max 7\n");
        tree.Write($"{path}/cpu.max", "50000 100000\n");
        tree.Write($"{path}/cpu.stat",
            "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 20\nnr_throttled 5\nthrottled_usec 4000\nnr_bursts 0\nburst_usec 0\n");
        tree.Write($"{path}/cgroup.procs", "");
        tree.Write($"{path}/cgroup.events", "populated 0\nfrozen 0\n");
        tree.Write($"{path}/cgroup.freeze", "0\n");
        tree.Write($"{path}/cgroup.kill", "");
    }

    [Fact]
    public void ReadStats_parses_every_controller()
    {
        using var tree = FakeCgroupTree.V2();
        WriteSandbox(tree);

        CgroupStats stats = tree.Open().Open("/" + Sandbox).ReadStats();

        Assert.Equal(new MemoryStats(1048576, 268435456, 2097152, 2), stats.Memory);
        Assert.Equal(new PidsStats(4, 256, 7), stats.Pids);
        Assert.Equal(new CpuStats(1_500_000, 50000, 100000, 5, 4_000_000), stats.Cpu);
    }

    [Fact]
    public void ReadStats_maps_max_to_null()
    {
        using var tree = FakeCgroupTree.V2();
        WriteSandbox(tree);
        tree.Write($"{Sandbox}/memory.max", "max\n");
        tree.Write($"{Sandbox}/pids.max", "max\n");
        tree.Write($"{Sandbox}/cpu.max", "max 100000\n");

        CgroupStats stats = tree.Open().Open("/" + Sandbox).ReadStats();

        Assert.Null(stats.Memory.LimitBytes);
        Assert.Null(stats.Pids.Limit);
        Assert.Null(stats.Cpu.QuotaMicroseconds);
        Assert.Equal(100000, stats.Cpu.PeriodMicroseconds);
    }

    [Fact]
    public void ReadStats_of_missing_files_gives_nulls_and_zeros()
    {
        using var tree = FakeCgroupTree.V2();
        // What a cgroup on this host's hugetlb-only unified mount has: core files and usage_usec only.
        tree.Write($"{Sandbox}/cpu.stat", "usage_usec 7\nuser_usec 4\nsystem_usec 3\n");

        ICgroupHierarchy hierarchy = tree.Open();
        CgroupStats stats = hierarchy.Open("/" + Sandbox).ReadStats();

        Assert.Equal(MemoryStats.Unavailable, stats.Memory);
        Assert.Equal(PidsStats.Unavailable, stats.Pids);
        Assert.Equal(new CpuStats(7000, null, null, 0, 0), stats.Cpu);
        Assert.Equal(new CgroupStats(MemoryStats.Unavailable, PidsStats.Unavailable, CpuStats.Unavailable),
            hierarchy.Open("/gone").ReadStats());
    }

    [Fact]
    public void ReadLimits_reads_the_three_limit_files_as_the_kernel_wrote_them()
    {
        using var tree = FakeCgroupTree.V2();
        WriteSandbox(tree);

        CgroupLimits limits = tree.Open().Open("/" + Sandbox).ReadLimits();

        Assert.Equal((268435456L, 256L, 50000L, 100000L),
            (limits.MemoryBytes, limits.Pids, limits.CpuQuotaMicroseconds, limits.CpuPeriodMicroseconds));
        Assert.Equal(["memory.max", "pids.max", "cpu.max"], limits.Files.Select(f => f.Name));
        Assert.Equal("memory.max = 268435456, pids.max = 256, cpu.max = 50000 100000", limits.ToString());
    }

    [Fact]
    public void ReadLimits_of_max_and_of_missing_files()
    {
        using var tree = FakeCgroupTree.V2();
        tree.Write($"{Sandbox}/memory.max", "max\n");
        tree.Write($"{Sandbox}/cpu.max", "max 100000\n");

        CgroupLimits limits = tree.Open().Open("/" + Sandbox).ReadLimits();

        Assert.Equal((null, null, null, 100000L), (limits.MemoryBytes, limits.Pids, limits.CpuQuotaMicroseconds, limits.CpuPeriodMicroseconds));
        Assert.Equal("memory.max = max, pids.max = (missing), cpu.max = max 100000", limits.ToString());
        tree.Write($"{Sandbox}/cpu.max", "50000\n");
        Assert.Contains("cpu.max", Assert.Throws<InvalidDataException>(() => tree.Open().Open("/" + Sandbox).ReadLimits()).Message);
    }

    [Fact]
    public void Garbage_in_a_control_file_names_the_file()
    {
        using var tree = FakeCgroupTree.V2();
        tree.Write($"{Sandbox}/memory.current", "lots\n");
        var e = Assert.Throws<InvalidDataException>(() => tree.Open().Open("/" + Sandbox).ReadStats());
        Assert.Contains("memory.current", e.Message);
    }

    [Fact]
    public void KillAll_writes_cgroup_kill()
    {
        using var tree = FakeCgroupTree.V2();
        WriteSandbox(tree);
        tree.Write($"{Sandbox}/cgroup.procs", "100\n");
        tree.Write($"{Sandbox}/cgroup.events", "populated 1\nfrozen 0\n");
        ICgroup cgroup = tree.Open().Open("/" + Sandbox);

        cgroup.KillAll();

        Assert.Equal([$"write /{Sandbox}/cgroup.kill 1"], tree.Kernel.Log);
        Assert.Empty(cgroup.ReadProcessIds());
    }

    [Fact]
    public void KillAll_without_cgroup_kill_freezes_kills_and_thaws()
    {
        using var tree = FakeCgroupTree.V2();
        WriteSandbox(tree);
        File.Delete(Path.Combine(tree.Root, Sandbox, "cgroup.kill"));
        tree.Write($"{Sandbox}/cgroup.procs", "100\n");
        tree.Write($"{Sandbox}/cgroup.events", "populated 1\nfrozen 1\n");
        tree.Write($"{Sandbox}/child/cgroup.procs", "101\n");
        ICgroup cgroup = tree.Open().Open("/" + Sandbox);

        cgroup.KillAll();

        Assert.Equal(
            [$"write /{Sandbox}/cgroup.freeze 1", "kill 100", "kill 101", $"write /{Sandbox}/cgroup.freeze 0"],
            tree.Kernel.Log);
    }

    [Fact]
    public void KillAll_gives_up_after_the_bound_naming_the_cgroup()
    {
        using var tree = FakeCgroupTree.V2();
        WriteSandbox(tree);
        File.Delete(Path.Combine(tree.Root, Sandbox, "cgroup.kill"));
        // populated but no pid listed, as with a task stuck in do_exit: nothing to kill, never empties.
        tree.Write($"{Sandbox}/cgroup.events", "populated 1\nfrozen 1\n");

        var e = Assert.Throws<KernelCallException>(() => tree.Open().Open("/" + Sandbox).KillAll());
        Assert.Contains("/" + Sandbox, e.Message);
    }

    [Fact]
    public void Remove_kills_and_removes_nested_children_depth_first()
    {
        using var tree = FakeCgroupTree.V2();
        WriteSandbox(tree);
        tree.Write($"{Sandbox}/cgroup.events", "populated 1\nfrozen 0\n");
        tree.Write($"{Sandbox}/student/inner/cgroup.procs", "200\n");
        tree.Write("containerlab/other/cgroup.procs", "300\n");
        ICgroupHierarchy hierarchy = tree.Open();
        ICgroup cgroup = hierarchy.Open("/" + Sandbox);

        cgroup.Remove();
        cgroup.Remove();

        Assert.False(cgroup.Exists);
        Assert.Equal(["other"], hierarchy.ListChildren("/containerlab"));
        Assert.Equal(
            [$"write /{Sandbox}/cgroup.kill 1", $"rmdir /{Sandbox}/student/inner", $"rmdir /{Sandbox}/student", $"rmdir /{Sandbox}"],
            tree.Kernel.Log);
    }

    [Fact]
    public void Remove_gives_up_on_a_cgroup_that_stays_busy()
    {
        using var tree = FakeCgroupTree.V2();
        tree.Write($"{Sandbox}/cgroup.procs", "");
        var kernel = new StubbornKernel();
        ICgroup cgroup = CgroupHierarchyFactory.Open(tree.Root, tree.Magic, kernel, FakeCgroupKernel.FastWaits).Open("/" + Sandbox);

        var e = Assert.Throws<KernelCallException>(cgroup.Remove);
        Assert.Equal(16, e.Errno);
        Assert.Equal(FakeCgroupKernel.FastWaits.RemoveAttempts, kernel.Attempts);
    }

    private sealed class StubbornKernel : ICgroupKernel
    {
        public int Attempts { get; private set; }
        public void WriteFile(string path, string value) { }
        public void KillProcess(int pid) { }
        public void RemoveDirectory(string path)
        {
            Attempts++;
            throw new KernelCallException("rmdir", path, 16);
        }
    }
}
