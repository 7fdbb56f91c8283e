using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// The isolation tests' sandboxes go away with them: after a mix like theirs (default, internals, probe
/// image, two sessions, an exited one), removing every sandbox leaves a zero footprint. Every isolation
/// fixture checks the same when its daemon stops.
/// </summary>
public sealed class FootprintTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    [RootFact("root, an OCI runtime, user and network namespaces")]
    public async Task Removing_every_sandbox_leaves_no_footprint()
    {
        var client = fixture.Client;
        Assert.Equal(new FootprintDto(0, 0, 0, 0, 0, 0), (await client.GetInfoAsync()).Footprint);

        var leases = new List<SandboxLease>
        {
            await fixture.StartAsync(),
            await fixture.StartAsync(profile: "internals"),
            await fixture.StartAsync(ProbeImage.Name),
        };
        foreach (var (session, name) in new[] { ("s1", "node1"), ("s1", "node2"), ("s2", "node1") })
            leases.Add(await fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", Network = "session", Session = session, Name = name }));
        Assert.Equal(0, (await client.RunAsync("busybox", "true")).ExitCode);

        var busy = (await client.GetInfoAsync()).Footprint;
        Assert.Equal(6, busy.SandboxDirectories);
        Assert.Equal(2, busy.NetworkNamespaces);
        Assert.True(busy.Mounts > 0 && busy.Cgroups > 0 && busy.RuntimeStates > 0, busy.ToString());

        foreach (var lease in leases)
            await lease.DisposeAsync();

        var info = await client.GetInfoAsync();
        Assert.Equal(0, info.Sandboxes);
        Assert.Equal(new FootprintDto(0, 0, 0, 0, 0, 0), info.Footprint);
        Assert.Empty(await client.ListSandboxesAsync());
        Assert.Equal(0, CgroupPrefix.CountChildren(fixture.Daemon.CgroupParent));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(fixture.Daemon.StateDirectory, "sandboxes")));
    }

    /// <summary>
    /// SIGTERM (systemctl stop) is meant to remove every sandbox (Program.cs: "Graceful stop: remove every
    /// sandbox"). A daemon of its own, with one running sandbox; after the stop nothing of it may remain mounted
    /// or in a cgroup. Whatever the outcome, a restart on the same state dir reconciles leftovers so the host is clean.
    /// </summary>
    [RootFact("root, an OCI runtime, user namespaces")]
    public async Task A_graceful_stop_removes_running_sandboxes()
    {
        await using var daemon = new DaemonProcess();
        await daemon.StartAsync();
        try
        {
            using (var client = daemon.Client())
                await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
            await daemon.StopAsync();

            var mounts = File.ReadAllLines("/proc/self/mountinfo").Where(l => l.Contains(daemon.StateDirectory, StringComparison.Ordinal)).ToList();
            int cgroups = CgroupPrefix.CountChildren(daemon.CgroupParent);
            string log = daemon.Log();
            Assert.True(mounts.Count == 0 && cgroups == 0 && !log.Contains("Unhandled exception", StringComparison.Ordinal),
                $"after SIGTERM: {mounts.Count} mount(s) under the state dir, {cgroups} sandbox cgroup(s) left\n" +
                string.Join('\n', log.Split('\n').SkipWhile(l => !l.Contains("Shutting down", StringComparison.Ordinal)).Take(12)));
        }
        finally
        {
            // Reconcile what a failed stop left (mounts, runtime state), then stop with no sandboxes.
            await daemon.StartAsync();
            await daemon.StopAsync();
        }
    }
}
