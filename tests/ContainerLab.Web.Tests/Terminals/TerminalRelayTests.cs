using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.TestSupport;
using ContainerLab.Web.Terminals;
using Microsoft.AspNetCore.SignalR;

namespace ContainerLab.Web.Tests.Terminals;

/// <summary>
/// A relay ends for three reasons that are not failures: the browser went away (the hub disposes the relay while its
/// output is being read), the same terminal was opened again (the old relay is disposed), or the node was removed.
/// Each must end the output stream quietly: an exception out of the hub's stream is logged by SignalR at Error with
/// its whole stack trace, once per closed tab. Only a daemon that goes away is a failure, told once with its cause.
/// </summary>
public sealed class TerminalRelayTests : IAsyncLifetime
{
    private readonly DaemonProcess _daemon = new();

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;

    public Task DisposeAsync() => _daemon.DisposeAsync().AsTask();

    [RootFact("root and a real containerlabd")]
    public async Task Disposing_a_relay_while_its_output_is_read_ends_the_output_without_an_error()
    {
        using var client = _daemon.Client();
        string sandbox = await StartShellAsync(client);
        for (int round = 0; round < 20; round++)
        {
            var (relay, reading) = await ReadingRelayAsync(client, sandbox);
            await relay.DisposeAsync();
            await reading.WaitAsync(TimeSpan.FromSeconds(30)); // throws what the stream threw
        }
    }

    [RootFact("root and a real containerlabd")]
    public async Task Removing_the_node_ends_its_terminals_output_without_an_error()
    {
        using var client = _daemon.Client();
        string sandbox = await StartShellAsync(client);
        var (relay, reading) = await ReadingRelayAsync(client, sandbox);
        await using (relay)
        {
            await client.RemoveSandboxAsync(sandbox, force: true);
            await reading.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    [RootFact("root and a real containerlabd")]
    public async Task A_daemon_that_dies_fails_the_output_with_one_message_naming_the_cause()
    {
        using var client = _daemon.Client();
        var (relay, reading) = await ReadingRelayAsync(client, await StartShellAsync(client));
        await using (relay)
        {
            await _daemon.KillHardAsync();
            var lost = await Assert.ThrowsAsync<HubException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("lost its connection to containerlabd", lost.Message);
        }
        await _daemon.StartAsync(); // the next daemon on this state dir removes the sandbox the dead one left
        Assert.Equal(0, (await client.GetInfoAsync()).Footprint.Processes);
    }

    private static async Task<string> StartShellAsync(ContainerLabClient client) =>
        (await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["/bin/sh"], Tty = true }, start: true)).Id;

    /// <summary>A relay on the sandbox's shell whose output is being read (the shell has answered once); the reading task ends with the stream.</summary>
    private static async Task<(TerminalRelay Relay, Task Reading)> ReadingRelayAsync(ContainerLabClient client, string sandbox)
    {
        var relay = new TerminalRelay(await client.AttachAsync(sandbox, "init"));
        var firstOutput = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in relay.ReadAsync(CancellationToken.None))
                firstOutput.TrySetResult();
        });
        await relay.SendInputAsync("echo hi\n"u8.ToArray(), CancellationToken.None);
        await firstOutput.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (relay, reading);
    }
}
