using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>
/// The daemon is a child subreaper: every process the runtime leaves behind is reparented to it, tracked or not, and
/// a zombie it never reaps keeps its pid forever and, inside a sandbox's pid namespace, keeps that namespace's init from
/// ever finishing its exit (zap_pid_ns_processes waits for every task of the namespace to be reaped).
/// </summary>
public sealed class ReapingTests : IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private readonly DaemonProcess _daemon = new();

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;
    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [RootFact("root, an OCI runtime and the daemon's child-subreaper role")]
    public async Task Two_hundred_create_wait_delete_cycles_leave_no_zombie_and_no_process_in_a_freed_range()
    {
        using var client = _daemon.Client();
        for (int i = 0; i < 200; i++)
        {
            // start=true without a session network: the runtime's `run --detach`, the web's path.
            var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["true"] });
            using var wait = new CancellationTokenSource(Settle);
            var exit = await client.WaitAsync(sandbox.Id, "init", wait.Token);
            Assert.Equal(0, exit.ExitCode);
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }

        var zombies = await DaemonChildren.WaitForNoZombiesAsync(_daemon.Pid, Settle);
        Assert.True(zombies.Count == 0, $"{zombies.Count} zombie children of the daemon: {string.Join(", ", zombies.Take(10))}");
        var inRange = HostProcesses.WithUidIn(_daemon.IdBase, 64u * 65536u, includeZombies: true);
        Assert.True(inRange.Count == 0, "processes left in the daemon's id ranges: " + string.Join(", ", inRange));
    }

    [RootTheory("root, an OCI runtime and the daemon's child-subreaper role")]
    [InlineData("workdir")]
    [InlineData("not-executable")]
    public async Task A_failed_exec_leaves_the_node_able_to_exit_and_be_removed(string failure)
    {
        using var client = _daemon.Client();
        // The command ends by itself a moment after the failed exec; its namespace's init must then be able to exit.
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sh", "-c", "while [ ! -e /tmp/go ]; do sleep 0.1; done"],
        });
        var request = failure == "workdir"
            ? new ExecRequest { Command = ["true"], WorkingDirectory = "/nonexistent" }
            : new ExecRequest { Command = ["/etc/passwd"] };
        var failed = await FailedExecAsync(client, sandbox.Id, request);
        Assert.NotEqual(0, failed);

        Assert.Equal(0, (await client.ShAsync(sandbox.Id, "touch /tmp/go")).ExitCode);
        using (var wait = new CancellationTokenSource(Settle))
            await client.WaitAsync(sandbox.Id, "init", wait.Token); // before the fix: init hung in zap_pid_ns_processes
        Assert.Equal("exited", (await client.GetSandboxAsync(sandbox.Id)).State);

        uint rangeStart = uint.Parse(sandbox.IdRange.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture);
        await client.RemoveSandboxAsync(sandbox.Id, force: true);
        var left = HostProcesses.WithUidIn(rangeStart, 65536u, includeZombies: true);
        Assert.True(left.Count == 0, "processes left in the removed sandbox's id range: " + string.Join(", ", left));
        Assert.Empty(await DaemonChildren.WaitForNoZombiesAsync(_daemon.Pid, Settle));
    }

    /// <summary>The exec's failure as a non-zero status: refused by the API, or started and then ended by the runtime.</summary>
    private static async Task<int> FailedExecAsync(ContainerLabClient client, string sandbox, ExecRequest request)
    {
        try
        {
            var process = await client.ExecAsync(sandbox, request);
            using var wait = new CancellationTokenSource(Settle);
            return (await client.WaitAsync(sandbox, process.Id, wait.Token)).ExitCode ?? -1;
        }
        catch (ContainerLabApiException e)
        {
            Assert.InRange(e.Status, 400, 499);
            return e.Status;
        }
    }
}
