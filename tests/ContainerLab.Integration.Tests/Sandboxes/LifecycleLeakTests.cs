using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>Nothing leaks: not after 100 create/remove cycles, not after kill -9 of the daemon with sandboxes running.</summary>
public sealed class LifecycleLeakTests : IAsyncLifetime
{
    private readonly DaemonProcess _daemon = new();

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;
    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [RootFact("root, an OCI runtime, overlayfs and network namespaces")]
    public async Task A_hundred_create_remove_cycles_leave_nothing_behind()
    {
        using var client = _daemon.Client();
        var before = HostObjects.Count(_daemon);
        for (int i = 0; i < 100; i++)
        {
            // Every third one on a session network, so veths and the session namespace are exercised too.
            var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
            {
                Image = "busybox",
                Command = ["sleep", "3600"],
                Network = i % 3 == 0 ? "session" : null,
                Session = i % 3 == 0 ? "leaks" : null,
            });
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
        var after = HostObjects.Count(_daemon);
        Assert.Equal(before, after);
        Assert.True(after.IsZero, after.ToString());
        var info = await client.GetInfoAsync();
        Assert.Equal(new FootprintDto(0, 0, 0, 0, 0, 0), info.Footprint);
    }

    [RootFact("root, an OCI runtime, overlayfs and network namespaces")]
    public async Task After_kill_9_of_the_daemon_a_restart_removes_everything_it_left()
    {
        using (var client = _daemon.Client())
        {
            for (int i = 1; i <= 3; i++)
                await client.CreateSandboxAsync(new CreateSandboxRequest
                {
                    Image = "busybox", Command = ["sleep", "3600"], Name = $"node{i}", Network = "session", Session = "crash",
                });
        }
        // A create returns once the runtime started the init; the init forks the command a moment later (on a busy machine, later).
        var running = await HostObjects.CountWhenAsync(_daemon, c => c.SandboxProcesses == 3 * 2);
        Assert.Equal(3, running.Cgroups);
        Assert.Equal(3 * 2, running.SandboxProcesses); // each: the init and its command
        Assert.True(running.Mounts >= 3 * 3, running.ToString()); // disk + layer + overlay each, plus the session netns
        Assert.Equal(3, running.LoopDevices); // each sandbox's disk image

        await _daemon.KillHardAsync();
        // The sandboxes outlive the daemon (they were reparented to init), so the leftovers are real.
        Assert.Equal(3 * 2, HostObjects.Count(_daemon).SandboxProcesses);

        await _daemon.StartAsync();
        var after = await HostObjects.SettledCountAsync(_daemon);
        Assert.True(after.IsZero, after + "\n" + _daemon.Log());
        Assert.Contains("Reconciled leftovers of an earlier run: 3 sandbox(es)", _daemon.Log());
    }
}

/// <summary>What of one daemon exists on the host, counted from the kernel's side, not the daemon's.</summary>
internal sealed record HostObjects(int Cgroups, int Mounts, int NetworkNamespaces, int SandboxDirectories, int SandboxProcesses, int LoopDevices)
{
    public bool IsZero => Cgroups == 0 && Mounts == 0 && NetworkNamespaces == 0 && SandboxDirectories == 0 && SandboxProcesses == 0 && LoopDevices == 0;

    public static HostObjects Count(DaemonProcess daemon)
    {
        string state = daemon.StateDirectory.TrimEnd('/') + "/";
        var mounts = File.ReadLines("/proc/self/mountinfo").Count(l => l.Split(' ')[4].StartsWith(state, StringComparison.Ordinal));
        var nsfs = File.ReadLines("/proc/self/mountinfo").Count(l => l.Split(' ')[4].StartsWith(state, StringComparison.Ordinal) && l.Contains(" - nsfs "));
        string sandboxes = Path.Combine(daemon.StateDirectory, "sandboxes");
        int directories = Directory.Exists(sandboxes) ? Directory.EnumerateDirectories(sandboxes).Count() : 0;
        return new HostObjects(CgroupPrefix.CountChildren(daemon.CgroupParent) / Math.Max(1, CgroupPrefix.Directories(daemon.CgroupParent).Count),
            mounts, nsfs, directories, HostProcesses.WithUidIn(daemon.IdBase, 64u * 65536u, includeZombies: false).Count, LoopDevicesUnder(state));
    }

    /// <summary>Bound loop devices whose backing file (sysfs, " (deleted)" appended once removed) lies under the state dir.</summary>
    private static int LoopDevicesUnder(string state) =>
        Directory.EnumerateDirectories("/sys/block", "loop*")
            .Select(block => Path.Combine(block, "loop", "backing_file"))
            .Count(file => { try { return File.ReadAllText(file).StartsWith(state, StringComparison.Ordinal); } catch (IOException) { return false; } });

    /// <summary>Counts until <paramref name="condition"/> holds (at most 30 s: a busy machine is slow, never wrong), and returns the last count either way.</summary>
    public static async Task<HostObjects> CountWhenAsync(DaemonProcess daemon, Func<HostObjects, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var count = Count(daemon);
        while (!condition(count) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            count = Count(daemon);
        }
        return count;
    }

    /// <summary>
    /// Killed processes that were reparented to init stay zombies until init reaps them; they hold no cgroup, mount or
    /// namespace and are not counted, but the rest may take a while to go on a busy machine: wait until nothing is left.
    /// </summary>
    public static Task<HostObjects> SettledCountAsync(DaemonProcess daemon) => CountWhenAsync(daemon, c => c.IsZero);
}
