using ContainerLab.Engine.Cgroups;

namespace ContainerLab.Engine.Tests.Cgroups;

public sealed class V1CgroupTests
{
    private const string Sandbox = "containerlab/abc";

    private static void WriteSandbox(FakeCgroupTree tree, string path = Sandbox)
    {
        tree.Write($"memory/{path}/memory.usage_in_bytes", "1048576\n");
        tree.Write($"memory/{path}/memory.limit_in_bytes", "268435456\n");
        tree.Write($"memory/{path}/memory.memsw.limit_in_bytes", "268435456\n");
        tree.Write($"memory/{path}/memory.max_usage_in_bytes", "2097152\n");
        tree.Write($"memory/{path}/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        tree.Write($"pids/{path}/pids.current", "4\n");
        tree.Write($"pids/{path}/pids.max", "256\n");
        tree.Write($"pids/{path}/pids.events", "max 7\n");
        tree.Write($"cpu/{path}/cpu.cfs_quota_us", "50000\n");
        tree.Write($"cpu/{path}/cpu.cfs_period_us", "100000\n");
        tree.Write($"cpu/{path}/cpu.stat", "nr_periods 20\nnr_throttled 5\nthrottled_time 123456789\nnr_bursts 0\nburst_time 0\n");
        tree.Write($"cpuacct/{path}/cpuacct.usage", "987654321\n");
        tree.Write($"freezer/{path}/freezer.state", "THAWED\n");
        foreach (string mount in new[] { "memory", "pids", "cpu", "cpuacct", "freezer" })
            tree.Write($"{mount}/{path}/cgroup.procs", "");
    }

    [Fact]
    public void ReadStats_parses_every_controller()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree);

        CgroupStats stats = tree.Open().Open("/" + Sandbox).ReadStats();

        Assert.Equal(new MemoryStats(1048576, 268435456, 2097152, 3), stats.Memory);
        Assert.Equal(new PidsStats(4, 256, 7), stats.Pids);
        Assert.Equal(new CpuStats(987654321, 50000, 100000, 5, 123456789), stats.Cpu);
        Assert.Equal(0.5, stats.Cpu.Cpus);
    }

    [Fact]
    public void ReadStats_maps_unlimited_values_to_null()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree);
        tree.Write($"memory/{Sandbox}/memory.limit_in_bytes", $"{FakeCgroupTree.V1Unlimited}\n");
        tree.Write($"pids/{Sandbox}/pids.max", "max\n");
        tree.Write($"cpu/{Sandbox}/cpu.cfs_quota_us", "-1\n");

        CgroupStats stats = tree.Open().Open("/" + Sandbox).ReadStats();

        Assert.Null(stats.Memory.LimitBytes);
        Assert.Null(stats.Pids.Limit);
        Assert.Null(stats.Cpu.QuotaMicroseconds);
        Assert.Null(stats.Cpu.Cpus);
    }

    [Fact]
    public void ReadStats_of_missing_files_and_controllers_gives_nulls_and_zeros()
    {
        using var tree = FakeCgroupTree.V1(["memory", "cpu"]);
        tree.Write($"memory/{Sandbox}/memory.usage_in_bytes", "4096");

        CgroupStats stats = tree.Open().Open("/" + Sandbox).ReadStats();

        Assert.Equal(new MemoryStats(4096, null, null, 0), stats.Memory);
        Assert.Equal(PidsStats.Unavailable, stats.Pids);
        Assert.Equal(CpuStats.Unavailable, stats.Cpu);
        Assert.Equal(CpuStats.Unavailable, tree.Open().Open("/nothing/here").ReadStats().Cpu);
    }

    [Fact]
    public void ReadLimits_reads_each_limit_file_from_its_controllers_mount()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree);

        CgroupLimits limits = tree.Open().Open("/" + Sandbox).ReadLimits();

        Assert.Equal((268435456L, 256L, 50000L, 100000L),
            (limits.MemoryBytes, limits.Pids, limits.CpuQuotaMicroseconds, limits.CpuPeriodMicroseconds));
        Assert.Equal(Path.Combine(tree.Root, "memory", Sandbox, "memory.limit_in_bytes"), limits.Files[0].Path);
        Assert.Equal(
            "memory.limit_in_bytes = 268435456, pids.max = 256, cpu.cfs_quota_us = 50000, cpu.cfs_period_us = 100000", limits.ToString());
    }

    [Fact]
    public void ReadLimits_of_unlimited_values_and_of_a_missing_controller()
    {
        using var tree = FakeCgroupTree.V1(["memory", "cpu"]);
        tree.Write($"memory/{Sandbox}/memory.limit_in_bytes", $"{FakeCgroupTree.V1Unlimited}\n");
        tree.Write($"cpu/{Sandbox}/cpu.cfs_quota_us", "-1\n");
        tree.Write($"cpu/{Sandbox}/cpu.cfs_period_us", "100000\n");

        CgroupLimits limits = tree.Open().Open("/" + Sandbox).ReadLimits();

        Assert.Equal((null, null, null, 100000L), (limits.MemoryBytes, limits.Pids, limits.CpuQuotaMicroseconds, limits.CpuPeriodMicroseconds));
        Assert.Equal($"memory.limit_in_bytes = {FakeCgroupTree.V1Unlimited}, pids.max = (missing), cpu.cfs_quota_us = -1, cpu.cfs_period_us = 100000",
            limits.ToString());
    }

    [Fact]
    public void ListChildren_is_the_union_over_controllers()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree, "containerlab/a");
        tree.Write("pids/containerlab/b/cgroup.procs", "");
        tree.Write("devices/containerlab/c/cgroup.procs", "");

        ICgroupHierarchy hierarchy = tree.Open();

        Assert.Equal(["a", "b", "c"], hierarchy.ListChildren("/containerlab"));
        Assert.Equal(["containerlab"], hierarchy.ListChildren("/"));
        Assert.Empty(hierarchy.ListChildren("/does-not-exist"));
    }

    [Fact]
    public void Comounted_cpu_cpuacct_behind_symlinks_is_one_mount()
    {
        using var tree = FakeCgroupTree.V1(["memory", "pids", "freezer", "cpu,cpuacct"]);
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "cpu"), Path.Combine(tree.Root, "cpu,cpuacct"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "cpuacct"), Path.Combine(tree.Root, "cpu,cpuacct"));
        tree.Write($"cpu,cpuacct/{Sandbox}/cpuacct.usage", "42");
        tree.Write($"cpu,cpuacct/{Sandbox}/cpu.cfs_quota_us", "-1");
        tree.Write($"cpu,cpuacct/{Sandbox}/cpu.cfs_period_us", "100000");

        ICgroupHierarchy hierarchy = tree.Open();
        ICgroup cgroup = hierarchy.Open("/" + Sandbox);

        Assert.Empty(hierarchy.MissingControllers());
        Assert.Equal(42, cgroup.ReadStats().Cpu.UsageNanoseconds);
        Assert.Equal(["containerlab"], hierarchy.ListChildren("/"));
        cgroup.Remove();
        Assert.False(tree.Exists($"cpu,cpuacct/{Sandbox}"));
        Assert.Single(tree.Kernel.Log, line => line.Contains("rmdir") && line.Contains("cpu"));
    }

    [Fact]
    public void KillAll_freezes_kills_every_pid_of_the_subtree_and_thaws()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree);
        tree.Write($"freezer/{Sandbox}/cgroup.procs", "100\n101\n");
        tree.Write($"pids/{Sandbox}/cgroup.procs", "100\n101\n");
        tree.Write($"freezer/{Sandbox}/student/cgroup.procs", "102\n");
        ICgroup cgroup = tree.Open().Open("/" + Sandbox);
        Assert.Equal([100, 101, 102], cgroup.ReadProcessIds());
        Assert.Equal([100, 101], cgroup.ReadProcessIds(recursive: false));

        cgroup.KillAll();

        Assert.Equal(
            [$"write /freezer/{Sandbox}/freezer.state FROZEN", "kill 100", "kill 101", "kill 102", $"write /freezer/{Sandbox}/freezer.state THAWED"],
            tree.Kernel.Log);
        Assert.Empty(cgroup.ReadProcessIds());
    }

    [Fact]
    public void ReadMembers_reads_the_pids_hierarchy_only_and_its_subtree()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree);
        tree.Write($"pids/{Sandbox}/cgroup.procs", "101\n100\n");
        tree.Write($"pids/{Sandbox}/student/cgroup.procs", "102\n");
        tree.Write($"freezer/{Sandbox}/cgroup.procs", "100\n101\n999\n"); // only a full read (KillAll) looks here

        ICgroup cgroup = tree.Open().Open("/" + Sandbox);

        Assert.Equal([100, 101, 102], cgroup.ReadMembers());
        Assert.Equal([100, 101, 102, 999], cgroup.ReadProcessIds());
    }

    [Fact]
    public void Remove_kills_then_removes_nested_children_depth_first_on_every_controller()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree);
        tree.Write($"memory/{Sandbox}/student/inner/cgroup.procs", "200\n");
        tree.Write($"devices/{Sandbox}/cgroup.procs", "");
        tree.Write("memory/containerlab/other/cgroup.procs", "300\n");
        ICgroup cgroup = tree.Open().Open("/" + Sandbox);

        cgroup.Remove();

        Assert.False(cgroup.Exists);
        foreach (string mount in new[] { "memory", "pids", "cpu", "cpuacct", "freezer", "devices" })
            Assert.False(tree.Exists($"{mount}/{Sandbox}"), mount);
        Assert.Equal("300", tree.Read("memory/containerlab/other/cgroup.procs"));
        List<string> removals = tree.Kernel.Log.Where(l => l.StartsWith("rmdir /memory")).ToList();
        Assert.Equal([$"rmdir /memory/{Sandbox}/student/inner", $"rmdir /memory/{Sandbox}/student", $"rmdir /memory/{Sandbox}"], removals);
        Assert.Contains("kill 200", tree.Kernel.Log);
        Assert.DoesNotContain("kill 300", tree.Kernel.Log);
    }

    [Fact]
    public void Remove_retries_a_briefly_busy_cgroup_and_is_idempotent()
    {
        using var tree = FakeCgroupTree.V1();
        WriteSandbox(tree);
        tree.Kernel.BusyOnce.Add(Path.Combine(tree.Root, $"memory/{Sandbox}"));
        ICgroup cgroup = tree.Open().Open("/" + Sandbox);

        cgroup.Remove();
        cgroup.Remove();

        Assert.False(cgroup.Exists);
        Assert.True(tree.Exists("memory/containerlab"));
    }

    [Fact]
    public void Hybrid_remove_covers_the_unified_mount_too()
    {
        using var tree = FakeCgroupTree.V1(unifiedControllers: "hugetlb");
        WriteSandbox(tree);
        tree.Write($"unified/{Sandbox}/cgroup.procs", "");
        ICgroupHierarchy hierarchy = tree.Open();
        Assert.Equal(CgroupMode.Hybrid, hierarchy.Mode);
        Assert.Empty(hierarchy.MissingControllers());

        hierarchy.Open("/" + Sandbox).Remove();

        Assert.False(tree.Exists($"unified/{Sandbox}"));
        Assert.Empty(hierarchy.ListChildren("/containerlab"));
    }
}
