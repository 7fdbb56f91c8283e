using System.Diagnostics;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>containerlabd's command line: usage on --help, and a refusal at start for a state dir sandboxes cannot reach.</summary>
public sealed class DaemonStartTests
{
    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        var info = new ProcessStartInfo("dotnet", [RepositoryPaths.DaemonDll, "--help"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var daemon = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = daemon.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = daemon.StandardError.ReadToEndAsync(timeout.Token);
        await daemon.WaitForExitAsync(timeout.Token);

        Assert.True(daemon.ExitCode == 0, $"exit {daemon.ExitCode}: {await stderr}");
        Assert.StartsWith("Usage: containerlabd", await stdout);
        foreach (string option in new[] { "--socket", "--group", "--state-dir", "--runtime", "--cgroup-parent", "--id-base", "--max-sandboxes", "--init", "--help" })
            Assert.Contains(option, await stdout);
        Assert.Equal("", await stderr);
    }

    /// <summary>
    /// Before the check the daemon started, then every run failed with crun's "make `.../rootfs` private:
    /// Permission denied": the runtime walks to the rootfs as the sandbox's unprivileged uid.
    /// </summary>
    [RootFact("root")]
    public async Task A_state_dir_under_a_0700_directory_is_refused_at_start_naming_the_directory_and_the_fix()
    {
        using var parent = new TempDirectory("clab-it-0700-");
        File.SetUnixFileMode(parent.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var daemon = new DaemonProcess(stateDirectory: parent.Combine("state"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(daemon.StartAsync);

        Assert.Contains("containerlabd exited with 2", refused.Message);
        Assert.Contains($"lies under {parent.Path} (mode 700)", daemon.Log());
        Assert.Contains($"chmod o+x {parent.Path}", daemon.Log());
        Assert.False(File.Exists(daemon.SocketPath), "the refused daemon left its socket");
    }
}
