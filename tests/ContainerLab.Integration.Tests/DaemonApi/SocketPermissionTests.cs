using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>The API socket is root's and the containerlab group's only, like docker.sock.</summary>
public sealed class SocketPermissionTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [RootFact("root and a running containerlabd")]
    public void The_socket_is_0660_for_the_containerlab_group_or_0600_without_it()
    {
        var mode = File.GetUnixFileMode(fixture.Daemon.SocketPath);
        string? group = File.ReadLines("/etc/group").Select(l => l.Split(':')).FirstOrDefault(f => f[0] == "containerlab")?[2];
        var expected = UnixFileMode.UserRead | UnixFileMode.UserWrite | (group is null ? (UnixFileMode)0 : UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        Assert.Equal(expected, mode);
        Assert.Equal((UnixFileMode)0, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        if (group is not null)
        {
            var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u:%g", fixture.Daemon.SocketPath])
            {
                RedirectStandardOutput = true,
            })!;
            Assert.Equal($"0:{group}", stat.StandardOutput.ReadToEnd().Trim());
        }
    }
}
