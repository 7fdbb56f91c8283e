using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Tests.Cgroups;

public sealed class CgroupPathTests
{
    public static TheoryData<string> BadPaths => new()
    {
        "", "containerlab/abc", "/containerlab/../etc", "/..", "/containerlab//abc", "/containerlab/abc/",
        "/containerlab/./abc", "/.", "/a\0b", "/a\nb",
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void Open_refuses_bad_paths_on_v1(string path)
    {
        using var tree = FakeCgroupTree.V1();
        Assert.Throws<InvalidRequestException>(() => tree.Open().Open(path));
        Assert.Throws<InvalidRequestException>(() => tree.Open().ListChildren(path));
    }

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void Open_refuses_bad_paths_on_v2(string path)
    {
        using var tree = FakeCgroupTree.V2();
        Assert.Throws<InvalidRequestException>(() => tree.Open().Open(path));
        Assert.Throws<InvalidRequestException>(() => tree.Open().ListChildren(path));
    }

    [Fact]
    public void Root_cannot_be_opened_but_can_be_listed()
    {
        using var tree = FakeCgroupTree.V2();
        tree.Write("containerlab/cgroup.procs", "");
        ICgroupHierarchy hierarchy = tree.Open();
        Assert.Throws<InvalidRequestException>(() => hierarchy.Open("/"));
        Assert.Equal(["containerlab"], hierarchy.ListChildren("/"));
    }

    [Fact]
    public void Good_path_opens_without_existing()
    {
        using var tree = FakeCgroupTree.V1();
        ICgroup cgroup = tree.Open().Open("/containerlab/abc-1.2_x");
        Assert.Equal("/containerlab/abc-1.2_x", cgroup.Path);
        Assert.False(cgroup.Exists);
    }
}
