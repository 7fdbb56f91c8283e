using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Deploy;

/// <summary>
/// The units scripts/install-systemd.sh writes: `systemd-analyze verify` accepts them without a single complaint
/// (it only warns, exit 0, on a misspelt directive, so any output fails), the check itself catches a typo and a
/// missing ExecStart binary, and where systemd is PID 1 they are installed under unique names, started and removed.
/// </summary>
public sealed class SystemdUnitTests
{
    private static string Script => Path.Combine(RepositoryPaths.Root, "scripts", "install-systemd.sh");

    [Fact]
    public async Task The_generated_units_pass_systemd_analyze_verify()
    {
        using var directory = new TempDirectory("clab-units-");
        var units = await WriteUnitsAsync(directory.Path, "containerlab");
        Assert.Equal(["containerlab-web.service", "containerlabd.service"], units.Select(Path.GetFileName).Order(StringComparer.Ordinal));

        Assert.Equal("", await VerifyAsync(units));
        string web = File.ReadAllText(units.Single(u => u.EndsWith("-web.service", StringComparison.Ordinal)));
        Assert.Contains("User=containerlab", web);
        Assert.Contains("ReadWritePaths=/var/lib/containerlab-web", web);
        Assert.Contains("Requires=containerlabd.service", web);
        string daemon = File.ReadAllText(units.Single(u => u.EndsWith("d.service", StringComparison.Ordinal)));
        Assert.Contains("Type=notify", daemon);
        Assert.Contains("KillMode=mixed", daemon);
    }

    [Theory]
    [InlineData("Restart=on-failure", "Restartt=on-failure", "Unknown key")]
    [InlineData("ExecStart=/", "ExecStart=/nonexistent", "not executable")]
    public async Task The_check_fails_on_a_broken_unit(string good, string broken, string complaint)
    {
        using var directory = new TempDirectory("clab-units-");
        var units = await WriteUnitsAsync(directory.Path, "containerlab");
        string daemon = units.Single(u => u.EndsWith("d.service", StringComparison.Ordinal));
        File.WriteAllText(daemon, File.ReadAllText(daemon).Replace(good, broken, StringComparison.Ordinal));

        Assert.Contains(complaint, await VerifyAsync(units));
    }

    [SystemdFact]
    public async Task Installed_units_run_the_daemon_and_the_web_and_uninstall_cleanly()
    {
        string name = "clab-it-" + Guid.NewGuid().ToString("N")[..6];
        string cgroupParent = CgroupPrefix.New();
        int port = FreePort();
        string idBase = (3_000_000_000u + (uint)Random.Shared.Next(0, 1500) * 65536u).ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var install = await RunAsync(TimeSpan.FromMinutes(20), Script, "--name", name, "--listen", $"http://127.0.0.1:{port}",
                "--cgroup-parent", cgroupParent, "--id-base", idBase, "--no-build");
            Assert.True(install.ExitCode == 0, install.Output);

            Assert.Equal("active", (await RunAsync(TimeSpan.FromMinutes(1), "systemctl", "is-active", $"{name}d.service")).Output.Trim());
            Assert.Equal("active", (await RunAsync(TimeSpan.FromMinutes(1), "systemctl", "is-active", $"{name}-web.service")).Output.Trim());
            Assert.Contains($"listening on /run/{name}/containerlabd.sock",
                (await RunAsync(TimeSpan.FromMinutes(1), "systemctl", "show", "-p", "StatusText", $"{name}d.service")).Output);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow.AddMinutes(2);
            HttpStatusCode? status = null;
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                try { status = (await http.GetAsync($"http://127.0.0.1:{port}/")).StatusCode; }
                catch (HttpRequestException) { await Task.Delay(200); }
            }
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            var uninstall = await RunAsync(TimeSpan.FromMinutes(3), Script, "--name", name, "--uninstall", "--purge");
            CgroupPrefix.Remove(cgroupParent);
            Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        }
        Assert.False(File.Exists($"/etc/systemd/system/{name}d.service"));
    }

    private static async Task<IReadOnlyList<string>> WriteUnitsAsync(string directory, string name)
    {
        var result = await RunAsync(TimeSpan.FromMinutes(1), Script, "--units-only", directory, "--name", name);
        Assert.True(result.ExitCode == 0, result.Output);
        return Directory.GetFiles(directory, "*.service");
    }

    /// <summary>Everything systemd-analyze says about the units, and its exit code when not 0; "" when they are clean.</summary>
    private static async Task<string> VerifyAsync(IReadOnlyList<string> units)
    {
        Assert.True(File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze is missing: apt-get install systemd (scripts/install-deps.sh does)");
        var result = await RunAsync(TimeSpan.FromMinutes(2), "systemd-analyze", ["verify", .. units]);
        return (result.ExitCode == 0 ? "" : $"exit {result.ExitCode}: ") + result.Output.Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Outcome(int ExitCode, string Output);

    private static async Task<Outcome> RunAsync(TimeSpan timeout, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.Environment["SYSTEMD_LOG_COLOR"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return new Outcome(process.ExitCode, await stdout + await stderr);
    }
}
