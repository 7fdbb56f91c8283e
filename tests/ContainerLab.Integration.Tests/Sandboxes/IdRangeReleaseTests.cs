using System.Diagnostics;
using System.Globalization;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Processes;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>
/// An id range goes to the next sandbox only when no process holds ids of it. A process that SIGKILL cannot end yet is
/// made here as a zombie with the range's uid whose parent (a sleep of the test's own) does not reap it: a zombie is
/// already dead, so no signal ends it; it goes when its parent does. (A frozen task was used before: v1's freezer holds
/// SIGKILL until thawed, but v2's lets it through, Documentation/admin-guide/cgroup-v2.rst, so on cgroup v2 the
/// daemon's kill ended it at once; the v2 guest found that.)
/// </summary>
public sealed class IdRangeReleaseTests : IAsyncLifetime
{
    private readonly DaemonProcess _daemon = new();
    private Process? _parent;

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_parent is { HasExited: false })
            _parent.Kill();
        _parent?.Dispose();
        await _daemon.DisposeAsync();
    }

    [RootFact("root and an OCI runtime")]
    public async Task A_range_with_a_live_process_is_not_handed_out_until_the_process_is_gone()
    {
        using var client = _daemon.Client();
        var first = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        uint start = uint.Parse(first.IdRange.Split('-')[0], CultureInfo.InvariantCulture);
        string uid = (start + 1000).ToString(CultureInfo.InvariantCulture);

        // sh starts `true` as the range's uid in the background and becomes a sleep that never waits for it.
        _parent = Process.Start("sh", ["-c", $"setpriv --reuid {uid} --regid {uid} --clear-groups -- true & exec sleep 600"])!;
        int zombie = 0;
        await Eventually.TrueAsync(() =>
        {
            string children = File.Exists($"/proc/{_parent.Id}/task/{_parent.Id}/children") ? File.ReadAllText($"/proc/{_parent.Id}/task/{_parent.Id}/children") : "";
            foreach (string child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (ProcStatus.Read(int.Parse(child, CultureInfo.InvariantCulture)) is { IsZombie: true } status && status.RealUid == start + 1000)
                    zombie = int.Parse(child, CultureInfo.InvariantCulture);
            return zombie != 0;
        }, TimeSpan.FromSeconds(30), "no zombie with the sandbox's uid appeared");

        var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.RemoveSandboxAsync(first.Id, force: true));
        Assert.Contains("stays reserved", refused.Detail);
        Assert.Contains($"pid {zombie}", refused.Detail);
        Assert.True((await client.GetInfoAsync()).Footprint.Processes >= 1);

        // The lowest free range is handed out first: had the first one been released, the next sandbox would get it.
        var second = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        Assert.NotEqual(first.IdRange, second.IdRange);
        await client.RemoveSandboxAsync(second.Id, force: true);

        // Its parent goes: the zombie passes to init, which reaps it.
        _parent.Kill();
        await _parent.WaitForExitAsync();
        await Eventually.TrueAsync(() => ProcStatus.Read(zombie) is not { RealUid: var u } || u != start + 1000, TimeSpan.FromSeconds(30), "the zombie was never reaped");
        // Released once vacated: the daemon notices within its polling, so ask until it has (or 30 s pass).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string reused;
        do
        {
            var next = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
            reused = next.IdRange;
            await client.RemoveSandboxAsync(next.Id, force: true);
        }
        while (reused != first.IdRange && DateTime.UtcNow < deadline);
        Assert.Equal(first.IdRange, reused);
        Assert.Equal(0, (await client.GetInfoAsync()).Footprint.Processes);
    }
}

/// <summary>A freezer cgroup of the test's own (v1 freezer hierarchy, else a v2 cgroup with cgroup.freeze).</summary>
