using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// A working directory that could point at a file descriptor the runtime leaked (runc CVE-2024-21626:
/// /proc/self/fd/N) or outside the root is refused with 400 before anything exists; a symlink to one
/// planted inside the sandbox does not get a process out of its root either.
/// </summary>
public sealed class WorkdirTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user namespaces";

    public static TheoryData<string> HostileWorkdirs { get; } = new()
    {
        "/proc/self/fd/3", "/proc/1/cwd", "/proc/self/cwd", "/proc/self/root", "/dev/fd/3", "/sys/fs/cgroup",
        "../..", "/../..", "/tmp/../../proc/self/fd/3", "/tmp/.", "relative/dir", "./tmp", "", "//proc/self/fd/3",
    };

    [RootTheory(Requirement)]
    [MemberData(nameof(HostileWorkdirs))]
    public async Task Creating_a_sandbox_with_a_hostile_workdir_is_refused_and_creates_nothing(string workdir)
    {
        var client = fixture.Client;
        var before = await SnapshotAsync();

        var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
            client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["true"], WorkingDirectory = workdir }));

        Assert.Equal(400, refused.Status);
        Assert.Equal(before, await SnapshotAsync());
    }

    [RootTheory(Requirement)]
    [MemberData(nameof(HostileWorkdirs))]
    public async Task Exec_with_a_hostile_workdir_is_refused_and_starts_nothing(string workdir)
    {
        await using var sandbox = await fixture.StartAsync();
        int processes = (await fixture.Client.GetSandboxAsync(sandbox.Id)).Processes.Count;

        var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
            fixture.Client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["true"], WorkingDirectory = workdir }));

        Assert.Equal(400, refused.Status);
        Assert.Equal(processes, (await fixture.Client.GetSandboxAsync(sandbox.Id)).Processes.Count);
    }

    /// <summary>
    /// A second terminal (the web's "+" tab, `clabctl exec`, a lab check) names no working directory: it starts where
    /// the sandbox's first process started, as `docker exec` does, not in /. An explicit one still wins.
    /// </summary>
    [RootFact(Requirement)]
    public async Task An_exec_without_a_working_directory_starts_where_the_first_process_started()
    {
        await using var sandbox = await fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", WorkingDirectory = "/root" });

        var first = await sandbox.ExecAsync("readlink", "/proc/1/cwd");
        var exec = await sandbox.ExecAsync("pwd");
        var elsewhere = await fixture.Client.ExecToEndAsync(sandbox.Id,
            new ExecRequest { Command = ["pwd"], WorkingDirectory = "/tmp" }, TimeSpan.FromSeconds(30));

        Assert.Equal("/root", first.Stdout.Trim());
        Assert.Equal("/root", exec.Stdout.Trim());
        Assert.Equal("/tmp", elsewhere.Stdout.Trim());
    }

    /// <summary>
    /// The API cannot see symlinks inside the image or the sandbox: /wd -> /proc/self/fd/N passes validation.
    /// The runtime then resolves it inside the container after pivot_root; it must either fail or land in the
    /// sandbox's own tree, never in a directory of the host that a leaked fd points at.
    /// </summary>
    [RootFact(Requirement)]
    public async Task A_symlinked_workdir_to_a_leaked_fd_does_not_leave_the_sandbox_root()
    {
        await using var sandbox = await fixture.StartAsync();
        string[] targets = [.. Enumerable.Range(3, 8).Select(n => $"/proc/self/fd/{n}"), "/proc/1/cwd", "/proc/self/cwd", "../../../../..", "/proc/self/root"];
        string links = string.Join("; ", targets.Select((t, i) => $"ln -sfn {t} /wd{i}"));
        Assert.Equal(0, (await sandbox.ShAsync(links)).ExitCode);
        string rootId = (await sandbox.ExecAsync("stat", "-c", "%d:%i", "/")).Stdout.Trim();

        int ran = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            ProcessDto process;
            try
            {
                process = await fixture.Client.ExecAsync(sandbox.Id, new ExecRequest
                {
                    // Walking up from the cwd ends at the sandbox's root if the cwd is inside it, at the host's root if not.
                    Command = ["/bin/sh", "-c", "readlink /proc/self/cwd; cd ../../../../../../../../..; stat -c %d:%i ."],
                    WorkingDirectory = $"/wd{i}",
                });
            }
            catch (ContainerLabApiException)
            {
                continue; // refused by the runtime: fine
            }
            ran++;
            await using var attachment = await fixture.Client.AttachAsync(sandbox.Id, process.Id);
            var result = await CollectAsync(attachment);
            string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 2 && lines[1] == rootId, $"cwd via /wd{i} -> {targets[i]} left the sandbox root ({rootId}): {result}");
        }
        Assert.True(ran > 0, "every symlinked workdir was refused; the walk-up check never ran");
    }

    private async Task<(string Sandboxes, int Directories, int Cgroups)> SnapshotAsync()
    {
        var listed = await fixture.Client.ListSandboxesAsync();
        string dir = Path.Combine(fixture.Daemon.StateDirectory, "sandboxes");
        return (string.Join(',', listed.Select(s => s.Id).Order()), Directory.Exists(dir) ? Directory.GetFileSystemEntries(dir).Length : 0,
            CgroupPrefix.CountChildren(fixture.Daemon.CgroupParent));
    }

    private static async Task<CommandResult> CollectAsync(ProcessAttachment attachment)
    {
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var frame in attachment.ReadAsync(timeout.Token))
        {
            if (frame.IsExit)
                return new CommandResult(frame.ExitCode, stdout.ToString(), stderr.ToString());
            (frame.Stream == AttachProtocol.Stderr ? stderr : stdout).Append(System.Text.Encoding.UTF8.GetString(frame.Data.Span));
        }
        throw new InvalidOperationException("attach ended without an exit message");
    }
}
