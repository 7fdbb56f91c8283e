using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Runtime;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Runtime;

/// <summary>Mount destinations resolved in a rootfs the way the runtime resolves them: refused where it would fail.</summary>
public sealed class MountTargetsTests : IDisposable
{
    private readonly TempDirectory _root = new("clab-rootfs-");
    private readonly TempDirectory _host = new("clab-host-");

    public MountTargetsTests()
    {
        foreach (string directory in new[] { "proc", "sys", "dev", "run" })
            Directory.CreateDirectory(_root.Combine(directory));
        File.WriteAllText(_host.Combine("hosts"), "127.0.0.1 localhost\n");
    }

    public void Dispose()
    {
        _root.Dispose();
        _host.Dispose();
    }

    private IReadOnlyList<OciMount> Mounts() =>
    [
        new() { Destination = "/proc", Type = "proc", Source = "proc" },
        new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs" },
        new() { Destination = "/dev/pts", Type = "devpts", Source = "devpts" },
        new() { Destination = "/sys", Type = "sysfs", Source = "sysfs" },
        new() { Destination = "/etc/hosts", Type = "bind", Source = _host.Combine("hosts") },
    ];

    [Theory]
    [InlineData("plain directory")]
    [InlineData("no etc at all")]
    [InlineData("symlink inside the image")]
    [InlineData("relative symlink climbing above the root")]
    [InlineData("hosts a symlink to a file")]
    [InlineData("dev/pts a symlink into proc, hidden by the /dev tmpfs")]
    public void Paths_the_runtime_can_mount_on_pass(string shape)
    {
        switch (shape)
        {
            case "plain directory":
                Directory.CreateDirectory(_root.Combine("etc"));
                File.WriteAllText(_root.Combine("etc", "hosts"), "");
                break;
            case "symlink inside the image":
                File.CreateSymbolicLink(_root.Combine("etc"), "/run");
                break;
            case "relative symlink climbing above the root":
                File.CreateSymbolicLink(_root.Combine("etc"), "../../../run");
                break;
            case "hosts a symlink to a file":
                Directory.CreateDirectory(_root.Combine("etc"));
                File.WriteAllText(_root.Combine("run", "hosts"), "");
                File.CreateSymbolicLink(_root.Combine("etc", "hosts"), "../run/hosts");
                break;
            case "dev/pts a symlink into proc, hidden by the /dev tmpfs":
                File.CreateSymbolicLink(_root.Combine("dev", "pts"), "/proc/self");
                break;
        }
        MountTargets.Check(_root.Path, Mounts());
    }

    [Theory]
    [InlineData("etc", "/proc/self/root/etc", "inside /proc")]
    [InlineData("etc", "proc/1/root/etc", "inside /proc")]
    [InlineData("etc", "/sys/kernel", "inside /sys")]
    [InlineData("etc", "/etc", "symlink loop")]
    [InlineData("proc", "/dev", "inside /dev")]
    public void A_symlink_that_sends_a_mount_into_a_kernel_filesystem_or_loops_is_refused(string link, string target, string why)
    {
        if (link == "proc")
            Directory.Delete(_root.Combine("proc"));
        File.CreateSymbolicLink(_root.Combine(link), target);

        var error = Assert.Throws<InvalidRequestException>(() => MountTargets.Check(_root.Path, Mounts()));

        Assert.Contains($"/{link}", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void A_file_where_a_directory_belongs_is_refused()
    {
        File.WriteAllText(_root.Combine("etc"), "");
        var error = Assert.Throws<InvalidRequestException>(() => MountTargets.Check(_root.Path, Mounts()));
        Assert.Contains("/etc is a file, not a directory", error.Message);
    }

    [Fact]
    public void A_directory_where_a_file_is_bind_mounted_is_refused()
    {
        Directory.CreateDirectory(_root.Combine("etc", "hosts"));
        var error = Assert.Throws<InvalidRequestException>(() => MountTargets.Check(_root.Path, Mounts()));
        Assert.Contains("/etc/hosts is a directory", error.Message);
    }

    [Fact]
    public void A_file_where_a_kernel_filesystem_is_mounted_is_refused()
    {
        Directory.Delete(_root.Combine("sys"));
        File.WriteAllText(_root.Combine("sys"), "");
        var error = Assert.Throws<InvalidRequestException>(() => MountTargets.Check(_root.Path, Mounts()));
        Assert.Contains("/sys is a file", error.Message);
    }
}
