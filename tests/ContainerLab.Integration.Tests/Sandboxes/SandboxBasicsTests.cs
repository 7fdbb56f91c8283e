using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>The first thing the issue asks to see: a real sandbox on the host's kernel, with its own ids, hostname and processes.</summary>
public sealed class SandboxBasicsTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon = fixture.Daemon;


    [RootFact("root, an OCI runtime, user namespaces and overlayfs")]
    public async Task Busybox_sees_the_host_kernel_its_own_ids_hostname_and_processes()
    {
        using var client = _daemon.Client();
        var result = await client.RunAsync("busybox", "sh", "-c", "uname -r; cat /proc/self/uid_map; hostname; ps -o pid,comm");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), lines[0]);
        string[] map = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("0", map[0]);
        Assert.NotEqual("0", map[1]);
        Assert.Equal(_daemon.IdBase.ToString(System.Globalization.CultureInfo.InvariantCulture), map[1]);
        Assert.Equal("65536", map[2]);
        Assert.NotEqual(System.Net.Dns.GetHostName(), lines[2]);
        // ps shows only the sandbox's processes: the init (tini, pid 1), its shell and ps itself.
        var processes = lines.Skip(4).Select(l => l.Trim().Split(' ', 2)).ToList();
        Assert.Equal(["1", "init"], processes[0].Select(p => p.Trim()));
        Assert.All(processes, p => Assert.Contains(p[1].Trim(), new[] { "init", "sh", "ps" }));
    }

    [RootFact("root, an OCI runtime, user namespaces and overlayfs")]
    public async Task Exit_code_stdout_and_stderr_are_kept_apart()
    {
        using var client = _daemon.Client();
        var result = await client.RunAsync("busybox", "sh", "-c", "echo out; echo err >&2; exit 7");
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [RootFact("root, an OCI runtime, user namespaces and overlayfs")]
    public async Task A_terminal_sandbox_echoes_input_and_follows_resize()
    {
        using var client = _daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["/bin/sh"], Tty = true, TerminalSize = new TerminalSizeDto(100, 30),
        });
        try
        {
            await using var attachment = await client.AttachAsync(sandbox.Id, "init");
            await client.ResizeAsync(sandbox.Id, "init", new TerminalSizeDto(132, 43));
            await attachment.SendInputAsync("stty size; echo $((6*7)); exit 3\n"u8.ToArray());
            var output = new System.Text.StringBuilder();
            int? exit = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await foreach (var frame in attachment.ReadAsync(timeout.Token))
            {
                if (frame.IsExit) { exit = frame.ExitCode; break; }
                Assert.Equal(AttachProtocol.Terminal, frame.Stream);
                output.Append(System.Text.Encoding.UTF8.GetString(frame.Data.Span));
            }
            Assert.Equal(3, exit);
            Assert.Contains("43 132", output.ToString());
            Assert.Contains("42", output.ToString());
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and network namespaces")]
    public async Task A_sandbox_without_a_network_has_loopback_up_and_nothing_else()
    {
        using var client = _daemon.Client();
        // Started both ways: `run --detach` (start=true) and create + start (start=false, then start).
        var detached = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] }, start: true);
        try
        {
            var links = await client.ExecAsync(detached.Id, "ip", "-o", "link");
            Assert.Matches(@"lo: <LOOPBACK,UP", links.Stdout);
            Assert.Single(links.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("running", detached.State);
        }
        finally
        {
            await client.RemoveSandboxAsync(detached.Id, force: true);
        }
        var result = await client.RunAsync("busybox", "sh", "-c", "ping -c1 -W1 127.0.0.1 >/dev/null && echo loopback-ok");
        Assert.Equal("loopback-ok\n", result.Stdout);
    }
}
