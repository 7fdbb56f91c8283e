using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>POST .../processes/{p}/signal and a time-limited exec: a process past its time is killed and nothing is left behind.</summary>
public sealed class ProcessSignalTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string Requirement = "root, an OCI runtime and user namespaces";

    [RootFact(Requirement)]
    public async Task A_time_limited_exec_is_killed_at_its_limit_and_leaves_no_process_or_zombie()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sh"], Tty = true });
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var output = await client.ExecToEndAsync(sandbox.Id, new ExecRequest { Command = ["/bin/sh", "-c", "echo started; exec sleep 60"] },
                TimeSpan.FromSeconds(1));
            Assert.True(output.TimedOut);
            Assert.Equal("started\n", output.Stdout);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

            var quick = await client.ExecToEndAsync(sandbox.Id, new ExecRequest { Command = ["true"] }, TimeSpan.FromSeconds(10));
            Assert.Equal((0, false), (quick.ExitCode!.Value, quick.TimedOut));

            // Ten time-limited runs later, the sandbox holds its shell and the ps that looks: no sleep, no zombie (state Z).
            for (int i = 0; i < 10; i++)
                await client.ExecToEndAsync(sandbox.Id, new ExecRequest { Command = ["/bin/sh", "-c", "true"] }, TimeSpan.FromSeconds(10));
            var ps = await client.ShAsync(sandbox.Id, "ps -o pid,stat,comm");
            Assert.DoesNotContain("sleep", ps.Stdout);
            Assert.DoesNotMatch(@"\s+Z\s", ps.Stdout);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact(Requirement)]
    public async Task Signals_reach_an_exec_and_bad_ones_are_refused()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var process = await client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["sleep", "60"] });
            await client.SignalAsync(sandbox.Id, process.Id, "TERM");
            Assert.Equal(143, (await client.WaitAsync(sandbox.Id, process.Id)).ExitCode);

            Assert.Equal(400, (await Assert.ThrowsAsync<ContainerLabApiException>(() => client.SignalAsync(sandbox.Id, process.Id, "STOP"))).Status);
            Assert.Equal(400, (await Assert.ThrowsAsync<ContainerLabApiException>(() => client.SignalAsync(sandbox.Id, "init"))).Status);
            Assert.Equal(404, (await Assert.ThrowsAsync<ContainerLabApiException>(() => client.SignalAsync(sandbox.Id, "p99"))).Status);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }
}
