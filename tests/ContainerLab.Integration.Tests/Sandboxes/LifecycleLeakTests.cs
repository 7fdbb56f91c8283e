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
            mounts, nsfs, directories, ProcessesInRange(daemon.IdBase), LoopDevicesUnder(state));
    }

    /// <summary>Bound loop devices whose backing file (sysfs, " (deleted)" appended once removed) lies under the state dir.</summary>
    private static int LoopDevicesUnder(string state) =>
        Directory.EnumerateDirectories("/sys/block", "loop*")
            .Select(block => Path.Combine(block, "loop", "backing_file"))
            .Count(file => { try { return File.ReadAllText(file).StartsWith(state, StringComparison.Ordinal); } catch (IOException) { return false; } });

    /// <summary>Counts until <paramref name="condition"/> holds (at most 10 s), and returns the last count either way.</summary>
    public static async Task<HostObjects> CountWhenAsync(DaemonProcess daemon, Func<HostObjects, bool> condition)
    {
        var count = Count(daemon);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !condition(count) && waited.Elapsed < TimeSpan.FromSeconds(10);)
        {
            await Task.Delay(50);
            count = Count(daemon);
        }
        return count;
    }

    /// <summary>
    /// Killed processes that were reparented to init stay zombies until init reaps them; they hold no cgroup,
    /// mount or namespace, so they are not counted, but give init a moment before counting the rest.
    /// </summary>
    public static async Task<HostObjects> SettledCountAsync(DaemonProcess daemon)
    {
        var count = Count(daemon);
        for (int i = 0; i < 40 && count.SandboxProcesses > 0; i++)
        {
            await Task.Delay(50);
            count = Count(daemon);
        }
        return count;
    }

    /// <summary>Host processes whose uid lies in this daemon's id ranges: the sandboxes' processes, wherever they were reparented.</summary>
    private static int ProcessesInRange(uint idBase)
    {
        int count = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                var status = File.ReadLines(Path.Combine(dir, "status")).ToList();
                string? uidLine = status.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                if (uidLine is null || status.Any(l => l.StartsWith("State:\tZ", StringComparison.Ordinal)))
                    continue;
                uint uid = uint.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
                if (uid >= idBase && uid < idBase + 64u * 65536u)
                    count++;
            }
            catch (IOException) { } // exited meanwhile
        }
        return count;
    }
}
