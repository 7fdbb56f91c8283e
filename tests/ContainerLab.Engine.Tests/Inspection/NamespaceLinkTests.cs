using ContainerLab.Engine.Inspection;

namespace ContainerLab.Engine.Tests.Inspection;

public sealed class NamespaceLinkTests
{
    [Theory]
    [InlineData("pid:[4026531836]", "pid", true, 4026531836UL)]
    [InlineData("cgroup:[4026531835]", "cgroup", true, 4026531835UL)]
    [InlineData("net:[4026531836]", "pid", false, 0UL)]
    [InlineData("pid:4026531836", "pid", false, 0UL)]
    [InlineData("pid:[]", "pid", false, 0UL)]
    [InlineData("pid:[-1]", "pid", false, 0UL)]
    [InlineData(null, "pid", false, 0UL)]
    public void Parses_kind_and_inode(string? target, string name, bool ok, ulong inode)
    {
        Assert.Equal(ok, NamespaceLink.TryParse(target, name, out ulong parsed));
        Assert.Equal(inode, parsed);
    }

    [Fact]
    public void Reads_this_process_namespaces_from_the_real_proc()
    {
        var own = NamespaceLink.ReadAll("/proc/self");
        Assert.Contains(NamespaceKind.Pid, own.Keys);
        Assert.Contains(NamespaceKind.User, own.Keys);
    }
}
