using System.Text;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>runc is the fallback runtime (and can be chosen): the same paths must work with it.</summary>
public sealed class RuncRuntimeTests : IAsyncLifetime
{
    private readonly DaemonProcess _daemon = new(runtime: "runc");

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;
    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [RootFact("root and runc")]
    public async Task Pipes_terminals_exec_limits_and_session_networks_work_with_runc()
    {
        using var client = _daemon.Client();
        Assert.Equal("runc", (await client.GetInfoAsync()).Runtime);

        var run = await client.RunAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sh", "-c", "cat /proc/self/uid_map; cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max; echo err >&2"],
            Limits = new LimitsDto { Pids = 77 },
        });
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\s*0\s+[1-9]\d*\s+65536\n77\n$", run.Stdout);
        Assert.Equal("err\n", run.Stderr);

        var node1 = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["/bin/sh"], Tty = true, Name = "node1", Network = "session", Session = "r",
        });
        var node2 = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Name = "node2", Network = "session", Session = "r",
        });
        try
        {
            Assert.Equal(0, (await client.ExecAsync(node2.Id, "ping", "-c", "1", "-W", "2", "node1")).ExitCode);
            await using var terminal = await client.AttachAsync(node1.Id, "init");
            await terminal.SendInputAsync("echo tty-$((40+2)); exit 9\n"u8.ToArray());
            var text = new StringBuilder();
            int? exit = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await foreach (var frame in terminal.ReadAsync(timeout.Token))
            {
                if (frame.IsExit) { exit = frame.ExitCode; break; }
                text.Append(Encoding.UTF8.GetString(frame.Data.Span));
            }
            Assert.Contains("tty-42", text.ToString());
            Assert.Equal(9, exit);
        }
        finally
        {
            await client.RemoveSandboxAsync(node1.Id, force: true);
            await client.RemoveSandboxAsync(node2.Id, force: true);
        }
        Assert.Equal(new FootprintDto(0, 0, 0, 0, 0, 0), (await client.GetInfoAsync()).Footprint);
    }
}
