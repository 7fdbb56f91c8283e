using System.Diagnostics;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Cli;

/// <summary>The real clabctl binary against a real daemon: what a user types.</summary>
public sealed class ClabctlTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [RootFact("root and a running containerlabd")]
    public async Task Run_prints_the_output_returns_the_exit_code_and_removes_the_sandbox()
    {
        var result = await ClabctlAsync("run", "busybox", "--", "sh", "-c", "uname -r; cat /proc/self/uid_map; hostname; echo oops >&2; exit 5");
        Assert.Equal(5, result.ExitCode);
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), lines[0]);
        Assert.Matches(@"^\s*0\s+[1-9]\d*\s+65536$", lines[1]);
        Assert.Equal("oops\n", result.Stderr);
        using var client = fixture.Daemon.Client();
        Assert.Empty(await client.ListSandboxesAsync());
    }

    [RootFact("root and a running containerlabd")]
    public async Task Keep_exec_ps_update_and_rm_work_on_a_named_sandbox()
    {
        var run = await ClabctlAsync(TimeSpan.FromSeconds(5), "run", "--keep", "--name", "kept", "--memory", "64m", "--pids", "50", "busybox", "--", "sleep", "3600");
        // `run` streams until the command ends; with sleep it would block, so the test ends it via rm below.
        for (int i = 0; i < 60 && !(await ClabctlAsync("ps")).Stdout.Contains("kept", StringComparison.Ordinal); i++)
            await Task.Delay(TimeSpan.FromSeconds(1)); // a busy machine may take longer than 5 s to start it
        Assert.Equal(0, (await ClabctlAsync("exec", "kept", "--", "true")).ExitCode);
        var ps = await ClabctlAsync("ps");
        Assert.Contains("kept", ps.Stdout);
        Assert.Contains("64m", ps.Stdout);
        var exec = await ClabctlAsync("exec", "kept", "--", "cat", "/sys/fs/cgroup/pids/pids.max");
        Assert.Equal("50\n", exec.Stdout);
        var update = await ClabctlAsync("update", "--memory", "32m", "--pids", "40", "kept");
        Assert.Equal(0, update.ExitCode);
        Assert.Contains("memory 32m, pids 40", update.Stdout);
        Assert.Equal("40\n", (await ClabctlAsync("exec", "kept", "--", "cat", "/sys/fs/cgroup/pids/pids.max")).Stdout);
        Assert.Equal(125, (await ClabctlAsync("update", "--pids", "1", "kept")).ExitCode); // below the server's bounds
        Assert.Equal(0, (await ClabctlAsync("rm", "-f", "kept")).ExitCode);
        Assert.DoesNotContain("kept", (await ClabctlAsync("ps")).Stdout);
        await run.Completion;
    }

    [RootFact("root and a running containerlabd")]
    public async Task Doctor_names_the_cgroup_mode_and_images_ls_shows_busybox()
    {
        var doctor = await ClabctlAsync("doctor");
        Assert.Equal(0, doctor.ExitCode);
        Assert.Matches("cgroups: +cgroup (v1|v2)", doctor.Stdout);
        Assert.DoesNotContain("MISSING", doctor.Stdout);
        var images = await ClabctlAsync("images", "ls");
        Assert.Matches(@"busybox\s+latest\s+sha256:", images.Stdout);
    }

    [RootFact("root and a running containerlabd")]
    public async Task Labs_images_names_what_the_bundled_labs_need_and_missing_only_what_the_daemon_lacks()
    {
        string labs = Path.Combine(RepositoryPaths.Root, "labs");
        var all = await ClabctlAsync("labs", "images", labs);
        Assert.True(all.ExitCode == 0, all.Stderr);
        string[] rows = all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("busybox:latest", rows[0].Split('\t')[0]);
        Assert.Equal("debian:latest\t02-namespaces-one-by-one,03-cgroups,06-distributions-share-a-kernel", rows[1]);
        Assert.Equal("emulation:latest\t09-other-cpus", rows[2]);
        Assert.Equal("vm:latest\t07-containers-and-vms,08-docker-on-windows-and-macos", rows[3]); // their VM nodes run the vm image

        // The daemon made busybox at start and has none of the others (scripts/run.sh builds what this prints).
        var missing = await ClabctlAsync("labs", "images", "--missing", labs);
        Assert.True(missing.ExitCode == 0, missing.Stderr);
        Assert.Equal("debian:latest\t02-namespaces-one-by-one,03-cgroups,06-distributions-share-a-kernel\nemulation:latest\t09-other-cpus\n"
            + "vm:latest\t07-containers-and-vms,08-docker-on-windows-and-macos\n",
            missing.Stdout);
    }

    [RootFact("root and a running containerlabd")]
    public async Task A_daemon_error_is_a_clear_message_and_exit_125()
    {
        var result = await ClabctlAsync("run", "--memory", "1k", "busybox", "--", "true");
        Assert.Equal(125, result.ExitCode);
        Assert.Contains("memory", result.Stderr);
        var nothing = await ClabctlAsync("--socket", "/nonexistent/sock", "ps");
        Assert.Equal(125, nothing.ExitCode);
        Assert.Contains("cannot connect to containerlabd", nothing.Stderr);
    }

    [RootFact("root, Debian umoci and skopeo")]
    public async Task Imports_a_two_layer_oci_layout_directory_and_a_docker_archive_and_runs_them()
    {
        using var temp = new TempDirectory();
        string layout = temp.Combine("layout"), bundle = temp.Combine("bundle"), rootfs = Path.Combine(bundle, "rootfs");
        await ToolAsync("umoci", "init", "--layout", layout);
        await ToolAsync("umoci", "new", "--image", $"{layout}:latest");
        await ToolAsync("umoci", "unpack", "--image", $"{layout}:latest", bundle);
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        File.Copy("/bin/busybox", Path.Combine(rootfs, "bin", "busybox"));
        foreach (string applet in new[] { "sh", "cat", "ls" })
            File.CreateSymbolicLink(Path.Combine(rootfs, "bin", applet), "busybox");
        await ToolAsync("umoci", "repack", "--refresh-bundle", "--image", $"{layout}:latest", bundle);
        // Layer 2 adds a file and deletes bin/ls: a .wh.ls whiteout that the overlay must honour across layers.
        File.WriteAllText(Path.Combine(rootfs, "hello.txt"), "from layer two\n");
        File.Delete(Path.Combine(rootfs, "bin", "ls"));
        await ToolAsync("umoci", "repack", "--image", $"{layout}:latest", bundle);
        string dockerArchive = temp.Combine("docker.tar");
        await ToolAsync("skopeo", "copy", $"oci:{layout}:latest", $"docker-archive:{dockerArchive}:twolayer:latest");

        var fromDirectory = await ClabctlAsync("images", "import", "--name", "twolayer", layout);
        Assert.True(fromDirectory.ExitCode == 0, fromDirectory.Stderr);
        Assert.Contains("(2 layer(s))", fromDirectory.Stdout);
        var fromDocker = await ClabctlAsync("images", "import", "--name", "fromdocker", dockerArchive);
        Assert.True(fromDocker.ExitCode == 0, fromDocker.Stderr);

        foreach (string image in new[] { "twolayer", "fromdocker" })
        {
            var run = await ClabctlAsync("run", image, "--", "/bin/sh", "-c", "cat /hello.txt; test -e /bin/ls && echo ls-present || echo ls-whited-out");
            Assert.Equal("from layer two\nls-whited-out\n", run.Stdout);
        }
        Assert.Equal(0, (await ClabctlAsync("images", "rm", "fromdocker")).ExitCode);
    }

    [RootFact("root, a running containerlabd and util-linux script(1) for a pty")]
    public async Task Run_it_gives_the_calling_terminal_a_shell_with_its_size_and_exit_code()
    {
        // script(1) gives clabctl a real pty of 91x27 columns and rows; our input reaches it through that pty.
        string command = $"stty cols 91 rows 27; CONTAINERLAB_SOCKET={fixture.Daemon.SocketPath} dotnet {RepositoryPaths.CliDll} run -it busybox";
        var info = new ProcessStartInfo("script", ["-qefc", command, "/dev/null"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // the shell's prompt
        foreach (string line in new[] { "echo $((6*7))", "stty size", "exit 3" })
        {
            await process.StandardInput.WriteAsync(line + "\r");
            await process.StandardInput.FlushAsync();
            await Task.Delay(500);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        string text = await output;
        Assert.Equal(3, process.ExitCode);
        Assert.Contains("\r\n42\r\n", text);
        Assert.Contains("\r\n27 91\r\n", text);
    }

    private static async Task ToolAsync(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {stderr}");
    }

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr, Task Completion);

    /// <summary>Runs clabctl; returns when it exits (at most 2 minutes: a busy CI machine is slow, and a cut-off run reads as empty output).</summary>
    private Task<Outcome> ClabctlAsync(params string[] args) => ClabctlAsync(TimeSpan.FromMinutes(2), args);

    /// <summary>Runs clabctl; returns when it exits, or after <paramref name="returnAfter"/> with exit code -1 (for commands that keep running).</summary>
    private async Task<Outcome> ClabctlAsync(TimeSpan returnAfter, params string[] args)
    {
        var process = Clabctl.Start(fixture.Daemon, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(returnAfter)) != exited)
            return new Outcome(-1, "", "", exited.ContinueWith(_ => process.Dispose(), TaskScheduler.Default));
        using (process)
            return new Outcome(process.ExitCode, await stdout, await stderr, Task.CompletedTask);
    }
}
