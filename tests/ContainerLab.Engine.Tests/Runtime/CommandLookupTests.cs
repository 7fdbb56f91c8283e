using ContainerLab.Engine.Runtime;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Runtime;

/// <summary>execvp's search inside a rootfs: symlinks (absolute ones too) resolve inside it, never on the host.</summary>
public sealed class CommandLookupTests : IDisposable
{
    private readonly TempDirectory _root = new("clab-rootfs-");

    public CommandLookupTests()
    {
        Directory.CreateDirectory(_root.Combine("bin"));
        Directory.CreateDirectory(_root.Combine("usr", "bin"));
        File.WriteAllText(_root.Combine("bin", "busybox"), "#!");
        File.SetUnixFileMode(_root.Combine("bin", "busybox"), UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        File.CreateSymbolicLink(_root.Combine("bin", "sh"), "busybox");
        File.CreateSymbolicLink(_root.Combine("usr", "bin", "abs"), "/bin/busybox");
        File.CreateSymbolicLink(_root.Combine("usr", "bin", "hostonly"), "/usr/bin/dotnet"); // exists on the host, not in the rootfs
        File.WriteAllText(_root.Combine("usr", "bin", "notexec"), "data");
        File.SetUnixFileMode(_root.Combine("usr", "bin", "notexec"), UnixFileMode.UserRead);
    }

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("/bin/sh", true)]
    [InlineData("sh", true)]
    [InlineData("abs", true)]
    [InlineData("/usr/bin/abs", true)]
    [InlineData("../../../../bin/sh", true)] // RESOLVE_IN_ROOT: .. stops at the rootfs
    [InlineData("hostonly", false)]
    [InlineData("notexec", false)]
    [InlineData("/bin", false)]
    [InlineData("no-such-command", false)]
    [InlineData("", false)]
    public void Finds_executables_the_way_execvp_would_inside_the_rootfs_only(string command, bool found) =>
        Assert.Equal(found, CommandLookup.Exists(_root.Path, command, "/usr/bin:/bin"));

    [Fact]
    public void A_bare_name_is_searched_along_the_given_path_only() =>
        Assert.False(CommandLookup.Exists(_root.Path, "abs", "/bin"));
}
