using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>
/// Limits hold against a hostile student: a fork bomb stops at pids.max, a memory hog is OOM-killed inside
/// its own memory cgroup only (the disk limit has its own tests: DiskLimitTests); meanwhile the host and a second
/// sandbox keep working.
/// </summary>
public sealed class ResourceLimitTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const long MiB = 1024 * 1024;
    private readonly DaemonProcess _daemon = fixture.Daemon;


    [RootFact("root and the pids cgroup controller")]
    public async Task A_fork_bomb_stops_at_the_pids_limit_and_the_neighbour_keeps_working()
    {
        using var client = _daemon.Client();
        var neighbour = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        // Each forked shell tries to fork two more; the pids controller refuses fork() once 32 tasks exist.
        var bomb = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sh", "-c", "bomb() { bomb | bomb & }; bomb; sleep 3600"], Limits = new LimitsDto { Pids = 32 },
        });
        try
        {
            // Read the sandbox's pids cgroup from the host: inside, even `cat` needs a fork it cannot get.
            string cgroup = PidsCgroupDirectory(bomb.CgroupPath);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("32", File.ReadAllText(Path.Combine(cgroup, "pids.max")).Trim());
            Assert.InRange(long.Parse(File.ReadAllText(Path.Combine(cgroup, "pids.current")).Trim(), System.Globalization.CultureInfo.InvariantCulture), 1, 32);
            Assert.Matches(@"max [1-9]", File.ReadAllText(Path.Combine(cgroup, "pids.events"))); // refused forks were counted

            var stillFine = await client.ExecAsync(neighbour.Id, "echo", "alive");
            Assert.Equal("alive\n", stillFine.Stdout);
            Assert.Equal(0, (await HostEchoAsync()).ExitCode);
        }
        finally
        {
            await client.RemoveSandboxAsync(bomb.Id, force: true);
            await client.RemoveSandboxAsync(neighbour.Id, force: true);
        }
        Assert.Equal(0, CgroupPrefix.CountChildren(_daemon.CgroupParent));
    }

    [RootFact("root and the memory cgroup controller")]
    public async Task A_memory_hog_is_oom_killed_inside_the_sandbox_and_its_shell_survives()
    {
        using var client = _daemon.Client();
        var neighbour = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Limits = new LimitsDto { MemoryBytes = 48 * MiB },
        });
        try
        {
            var result = await client.ShAsync(sandbox.Id, $"{MemoryHog.Command("200m")}; echo hog-exit=$?; echo shell-alive");
            Assert.Contains("hog-exit=137", result.Stdout); // 128 + SIGKILL
            Assert.Contains("shell-alive", result.Stdout);
            Assert.Equal(0, result.ExitCode);

            var counted = await client.ShAsync(sandbox.Id,
                "cat /sys/fs/cgroup/memory/memory.oom_control 2>/dev/null | grep oom_kill || grep oom_kill /sys/fs/cgroup/memory.events");
            Assert.Matches(@"oom_kill [1-9]", counted.Stdout);
            Assert.Equal("alive\n", (await client.ExecAsync(neighbour.Id, "echo", "alive")).Stdout);
            Assert.Equal(0, (await HostEchoAsync()).ExitCode);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
            await client.RemoveSandboxAsync(neighbour.Id, force: true);
        }
    }

    /// <summary>The sandbox's pids cgroup as the host sees it: v1 pids hierarchy, else the unified tree.</summary>
    private static string PidsCgroupDirectory(string cgroupPath) =>
        Directory.Exists("/sys/fs/cgroup/pids") ? "/sys/fs/cgroup/pids" + cgroupPath : "/sys/fs/cgroup" + cgroupPath;

    private static async Task<CommandResult> HostEchoAsync()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/echo", "host") { RedirectStandardOutput = true })!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, output, "");
    }
}
