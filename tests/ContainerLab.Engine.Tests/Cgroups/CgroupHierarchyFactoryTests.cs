using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Tests.Cgroups;

public sealed class CgroupHierarchyFactoryTests
{
    [Fact]
    public void Tmpfs_root_without_unified_is_V1()
    {
        using var tree = FakeCgroupTree.V1();
        ICgroupHierarchy hierarchy = tree.Open();
        Assert.Equal(CgroupMode.V1, hierarchy.Mode);
        Assert.Empty(hierarchy.UnifiedControllers);
        Assert.Equal(tree.Root, hierarchy.Root);
    }

    [Fact]
    public void Tmpfs_root_with_cgroup2_unified_is_Hybrid_and_reports_its_controllers()
    {
        using var tree = FakeCgroupTree.V1(unifiedControllers: "hugetlb\n");
        ICgroupHierarchy hierarchy = tree.Open();
        Assert.Equal(CgroupMode.Hybrid, hierarchy.Mode);
        Assert.Equal(["hugetlb"], hierarchy.UnifiedControllers);
    }

    [Fact]
    public void Hybrid_with_an_empty_unified_mount_has_no_unified_controllers()
    {
        using var tree = FakeCgroupTree.V1(unifiedControllers: "");
        ICgroupHierarchy hierarchy = tree.Open();
        Assert.Equal(CgroupMode.Hybrid, hierarchy.Mode);
        Assert.Empty(hierarchy.UnifiedControllers);
    }

    [Fact]
    public void Unified_directory_that_is_not_cgroup2_stays_V1()
    {
        using var tree = FakeCgroupTree.V1();
        Directory.CreateDirectory(Path.Combine(tree.Root, "unified"));
        Assert.Equal(CgroupMode.V1, tree.Open().Mode);
    }

    [Fact]
    public void Cgroup2_root_is_V2_with_root_controllers()
    {
        using var tree = FakeCgroupTree.V2("cpu memory pids");
        ICgroupHierarchy hierarchy = tree.Open();
        Assert.Equal(CgroupMode.V2, hierarchy.Mode);
        Assert.Equal(["cpu", "memory", "pids"], hierarchy.UnifiedControllers);
        Assert.Empty(hierarchy.MissingControllers());
    }

    [Fact]
    public void Other_file_systems_are_refused_naming_the_root()
    {
        using var tree = FakeCgroupTree.V1();
        var e = Assert.Throws<InvalidRequestException>(() => CgroupHierarchyFactory.Open(tree.Root, _ => 0xEF53));
        Assert.Contains(tree.Root, e.Message);
        Assert.Contains("0xef53", e.Message);
    }

    [Fact]
    public void Relative_root_is_refused()
    {
        Assert.Throws<InvalidRequestException>(() => CgroupHierarchyFactory.Open("sys/fs/cgroup", _ => CgroupHierarchyFactory.Cgroup2SuperMagic));
    }

    [Fact]
    public void Missing_controllers_v1_and_v2()
    {
        using var v1 = FakeCgroupTree.V1(["memory", "cpu,cpuacct"]);
        Assert.Equal(["pids", "freezer"], v1.Open().MissingControllers());

        using var v2 = FakeCgroupTree.V2("cpuset io memory");
        Assert.Equal(["pids", "cpu"], v2.Open().MissingControllers());
    }
}
