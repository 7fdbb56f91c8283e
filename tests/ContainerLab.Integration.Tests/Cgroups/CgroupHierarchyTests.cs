using System.Diagnostics;
using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Cgroups;

/// <summary>The cgroup code against the real kernel, only ever under a prefix of the test's own.</summary>
public sealed class CgroupHierarchyTests
{
    private const long MiB = 1024 * 1024;
    private const string Root = CgroupHierarchyFactory.DefaultRoot;

    [RootFact("root and cgroup v1 or v2")]
    public void Mode_detected_by_statfs_matches_the_mount_table()
    {
        ICgroupHierarchy hierarchy = CgroupHierarchyFactory.Open();
        Assert.Equal(ModeFromMountTable(), hierarchy.Mode);
        if (hierarchy.Mode == CgroupMode.Hybrid)
            Assert.Equal(ReadWords($"{Root}/unified/cgroup.controllers"), hierarchy.UnifiedControllers);
    }

    [RootFact("root and cgroup v1 or v2")]
    public void V1_sandbox_lifecycle_stats_limits_kill_and_remove()
    {
        ICgroupHierarchy hierarchy = CgroupHierarchyFactory.Open();
        if (hierarchy.Mode == CgroupMode.V2)
            return; // no v1 controllers on this host; the cgroup2 test covers it
        string[] controllers = ["memory", "pids", "cpu", "cpuacct", "freezer"];
        Assert.Empty(hierarchy.MissingControllers());

        using var prefix = new TestCgroupPrefix(Directory.EnumerateDirectories(Root));
        string path = prefix.Prefix + "/sandbox";
        string[] directories = controllers.Select(c => prefix.Create($"{Root}/{c}", path)).ToArray();
        Process sleep = prefix.StartSleepIn(directories);
        ICgroup cgroup = hierarchy.Open(path);

        Assert.True(cgroup.Exists);
        Assert.Equal([sleep.Id], cgroup.ReadProcessIds());
        CgroupStats stats = cgroup.ReadStats();
        Assert.Equal(1, stats.Pids.Current);
        Assert.True(stats.Memory.UsageBytes > 0, $"memory usage {stats.Memory.UsageBytes}");
        Assert.True(stats.Cpu.UsageNanoseconds > 0, $"cpu usage {stats.Cpu.UsageNanoseconds}");
        Assert.Null(stats.Memory.LimitBytes);
        Assert.Null(stats.Pids.Limit);

        // Limits are written by the OCI runtime's `update` in the product; here by hand, to check what the readers see.
        File.WriteAllText($"{Root}/memory{path}/memory.limit_in_bytes", (64 * MiB).ToString());
        File.WriteAllText($"{Root}/pids{path}/pids.max", "16");
        File.WriteAllText($"{Root}/cpu{path}/cpu.cfs_quota_us", "50000");
        stats = cgroup.ReadStats();
        Assert.Equal(64 * MiB, stats.Memory.LimitBytes);
        Assert.Equal(16, stats.Pids.Limit);
        Assert.Equal(0.5, stats.Cpu.Cpus);

        // A cgroup a student made inside the sandbox.
        prefix.Create($"{Root}/memory", path + "/student");
        prefix.Create($"{Root}/pids", path + "/student/inner");
        Assert.Equal(["sandbox"], hierarchy.ListChildren(prefix.Prefix));
        Assert.Equal(["student"], hierarchy.ListChildren(path));

        cgroup.KillAll();
        Assert.True(sleep.WaitForExit(5000), "sleep survived KillAll");
        Assert.Empty(cgroup.ReadProcessIds());
        Assert.Equal("THAWED", File.ReadAllText($"{Root}/freezer{path}/freezer.state").Trim());

        cgroup.Remove();
        Assert.False(cgroup.Exists);
        Assert.Empty(prefix.Leftovers());
        Assert.Empty(hierarchy.ListChildren(prefix.Prefix));
        cgroup.Remove(); // idempotent
    }

    [RootFact("root and cgroup v1 or v2")]
    public void V1_remove_kills_a_populated_cgroup()
    {
        ICgroupHierarchy hierarchy = CgroupHierarchyFactory.Open();
        if (hierarchy.Mode == CgroupMode.V2)
            return;
        using var prefix = new TestCgroupPrefix(Directory.EnumerateDirectories(Root));
        string path = prefix.Prefix + "/sandbox";
        string[] directories = new[] { "pids", "freezer" }.Select(c => prefix.Create($"{Root}/{c}", path)).ToArray();
        Process sleep = prefix.StartSleepIn([directories[0], prefix.Create($"{Root}/freezer", path + "/student")]);

        hierarchy.Open(path).Remove();

        Assert.True(sleep.WaitForExit(5000), "sleep survived Remove");
        Assert.Empty(prefix.Leftovers());
    }

    [RootFact("root and cgroup v1 or v2")]
    public void Cgroup2_core_files_kill_and_remove()
    {
        string? unifiedRoot = ModeFromMountTable() switch
        {
            CgroupMode.V2 => Root,
            CgroupMode.Hybrid => $"{Root}/unified",
            _ => null,
        };
        if (unifiedRoot is null)
            return; // pure v1: no cgroup2 mount to test
        ICgroupHierarchy hierarchy = CgroupHierarchyFactory.Open(unifiedRoot);
        Assert.Equal(CgroupMode.V2, hierarchy.Mode);
        Assert.Equal(ReadWords($"{unifiedRoot}/cgroup.controllers"), hierarchy.UnifiedControllers);

        using var prefix = new TestCgroupPrefix([unifiedRoot]);
        string path = prefix.Prefix + "/sandbox";
        Process sleep = prefix.StartSleepIn([prefix.Create(unifiedRoot, path)]);
        prefix.Create(unifiedRoot, path + "/student");
        ICgroup cgroup = hierarchy.Open(path);

        Assert.Equal([sleep.Id], cgroup.ReadProcessIds());
        Assert.True(cgroup.ReadStats().Cpu.UsageNanoseconds > 0);
        Assert.Equal(["student"], hierarchy.ListChildren(path));
        cgroup.KillAll();
        Assert.True(sleep.WaitForExit(5000), "sleep survived cgroup.kill");
        Assert.Contains("populated 0", File.ReadAllText($"{unifiedRoot}{path}/cgroup.events"));

        cgroup.Remove();
        Assert.False(cgroup.Exists);
        Assert.Empty(prefix.Leftovers());
    }

    /// <summary>The mode as the mount table says it, to check statfs-based detection independently.</summary>
    private static CgroupMode ModeFromMountTable()
    {
        var types = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' '))
            .GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.Last()[2]);
        if (types.GetValueOrDefault(Root) == "cgroup2")
            return CgroupMode.V2;
        return types.GetValueOrDefault($"{Root}/unified") == "cgroup2" ? CgroupMode.Hybrid : CgroupMode.V1;
    }

    private static string[] ReadWords(string path) =>
        File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
