using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>The `debian` image (mmdebstrap minbase, scripts/build-debian-image.sh) imported and run like busybox.</summary>
public sealed class DebianImageTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [RootFact("root and the debian rootfs tar from scripts/build-debian-image.sh --tar-only")]
    public async Task Debian_sees_the_host_kernel_its_own_ids_hostname_and_processes()
    {
        await DebianImage.ImportAsync(fixture.Daemon);
        using var client = fixture.Daemon.Client();

        var result = await client.RunAsync(new CreateSandboxRequest
        {
            Image = "debian",
            Command = ["sh", "-c", "uname -r; cat /proc/self/uid_map; hostname; . /etc/os-release; echo $ID; ps -e -o pid=,comm="],
        });
        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), lines[0]);
        Assert.Matches(@"^\s*0\s+[1-9]\d*\s+65536$", lines[1]);
        Assert.NotEqual(System.Net.Dns.GetHostName(), lines[2]);
        Assert.Equal("debian", lines[3]);
        var processes = lines.Skip(4).Select(l => l.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["1", "init"], processes[0]); // tini, the init in front of every sandbox's command
        Assert.All(processes, p => Assert.Contains(p[1], new[] { "init", "sh", "ps" }));
    }
}
