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
/// made here with a freezer of the test's own: a frozen task acts on SIGKILL only once thawed.
/// </summary>
public sealed class IdRangeReleaseTests : IAsyncLifetime
{
    private readonly DaemonProcess _daemon = new();
    private readonly string _freezer = FrozenCgroup.Create();

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;

    public async Task DisposeAsync()
    {
        FrozenCgroup.Thaw(_freezer);
        await _daemon.DisposeAsync();
        FrozenCgroup.Remove(_freezer);
    }

    [RootFact("root, an OCI runtime and a cgroup freezer (v1 freezer or v2 cgroup.freeze)")]
    public async Task A_range_with_a_live_process_is_not_handed_out_until_the_process_is_gone()
    {
        using var client = _daemon.Client();
        var first = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        uint start = uint.Parse(first.IdRange.Split('-')[0], CultureInfo.InvariantCulture);

        // A process with an id of the sandbox's range that outlives every kill until thawed.
        using var stuck = Process.Start("setpriv", ["--reuid", (start + 1000).ToString(CultureInfo.InvariantCulture),
            "--regid", (start + 1000).ToString(CultureInfo.InvariantCulture), "--clear-groups", "--", "sleep", "600"])!;
        // Frozen too early, setpriv would still be uid 0 and hold nothing of the range: wait until it runs as the id.
        await Eventually.TrueAsync(() => ProcStatus.Read(stuck.Id)?.RealUid == start + 1000, TimeSpan.FromSeconds(30), "setpriv never took the sandbox's uid");
        FrozenCgroup.Freeze(_freezer, stuck.Id);

        var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.RemoveSandboxAsync(first.Id, force: true));
        Assert.Contains("stays reserved", refused.Detail);
        Assert.Contains($"pid {stuck.Id}", refused.Detail);
        Assert.True((await client.GetInfoAsync()).Footprint.Processes >= 1);

        // The lowest free range is handed out first: had the first one been released, the next sandbox would get it.
        var second = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        Assert.NotEqual(first.IdRange, second.IdRange);
        await client.RemoveSandboxAsync(second.Id, force: true);

        FrozenCgroup.Thaw(_freezer);
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await stuck.WaitForExitAsync(exit.Token); // the daemon's SIGKILL lands once thawed
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
internal static class FrozenCgroup
{
    private const string V1Root = "/sys/fs/cgroup/freezer";

    public static string Create()
    {
        string path = (Directory.Exists(V1Root) ? V1Root : "/sys/fs/cgroup") + "/containerlab-test-freeze-" + Guid.NewGuid().ToString("N")[..8];
        if (Environment.IsPrivilegedProcess)
            Directory.CreateDirectory(path);
        return path;
    }

    public static void Freeze(string path, int pid)
    {
        File.WriteAllText(Path.Combine(path, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        Write(path, frozen: true);
    }

    public static void Thaw(string path)
    {
        if (Directory.Exists(path))
            Write(path, frozen: false);
    }

    public static void Remove(string path)
    {
        try { Directory.Delete(path); }
        catch (IOException) { }
    }

    private static void Write(string path, bool frozen)
    {
        if (path.StartsWith(V1Root, StringComparison.Ordinal))
            File.WriteAllText(Path.Combine(path, "freezer.state"), frozen ? "FROZEN" : "THAWED");
        else
            File.WriteAllText(Path.Combine(path, "cgroup.freeze"), frozen ? "1" : "0");
    }
}
