using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>A client that comes back sees the recent screen; stop ends every process; exec'd terminals are separate.</summary>
public sealed class ReattachAndStopTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task A_client_that_reattaches_sees_the_recent_screen_and_the_same_shell()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["/bin/sh"], Tty = true });
        try
        {
            await using (var first = await client.AttachAsync(sandbox.Id, "init"))
            {
                await first.SendInputAsync("echo marker-$((40+2)); echo $$ > /tmp/shell-pid\n"u8.ToArray());
                await TerminalOutput.ReadUntilAsync(first, "marker-42", TimeSpan.FromSeconds(15));
            } // the browser tab closes: the sandbox and its shell stay

            await using var second = await client.AttachAsync(sandbox.Id, "init", replay: true);
            string replayed = await TerminalOutput.ReadUntilAsync(second, "marker-42", TimeSpan.FromSeconds(15));
            Assert.Contains("marker-42", replayed);
            await second.SendInputAsync("echo again-$(cat /tmp/shell-pid)\n"u8.ToArray());
            Assert.Contains("again-2", await TerminalOutput.ReadUntilAsync(second, "again-2", TimeSpan.FromSeconds(15))); // the same shell: pid 2, the init's child
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task Stop_kills_every_process_and_the_sandbox_reports_exited()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var exec = await client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["sleep", "3600"] });
            var stopped = await client.StopSandboxAsync(sandbox.Id);
            Assert.Equal("exited", stopped.State);
            Assert.Equal(137, stopped.ExitCode); // SIGKILL
            Assert.Equal(137, (await client.WaitAsync(sandbox.Id, exec.Id)).ExitCode);
            var conflict = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["true"] }));
            Assert.Equal(409, conflict.Status);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: false); // exited: no force needed
        }
        Assert.Empty(await client.ListSandboxesAsync());
    }

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task A_second_terminal_is_a_separate_pty_in_the_same_namespaces()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["/bin/sh"], Tty = true });
        try
        {
            var second = await client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["/bin/sh"], Tty = true, TerminalSize = new TerminalSizeDto(90, 20) });
            await using var attachment = await client.AttachAsync(sandbox.Id, second.Id);
            await attachment.SendInputAsync("tty; stty size; hostname; exit\n"u8.ToArray());
            string output = await TerminalOutput.ReadUntilAsync(attachment, null, TimeSpan.FromSeconds(15));
            Assert.Matches("/dev/pts/[1-9]", output); // init has /dev/pts/0
            Assert.Contains("20 90", output);
            Assert.Contains(sandbox.Name, output);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }
}
