using ContainerLab.Api.Contracts;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>Root inside cannot raise its own limits: not through its cgroup's files, not through setrlimit.</summary>
public sealed class LimitEscapeTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user namespaces, cgroups";

    [RootFact(Requirement)]
    public async Task Writing_its_own_cgroup_limits_fails_and_the_host_side_values_stay()
    {
        await using var sandbox = await fixture.StartAsync(new CreateSandboxRequest
        {
            Image = "busybox", Limits = new LimitsDto { Pids = 64, MemoryBytes = 64L * 1024 * 1024 },
        });
        string pidsMax = HostCgroupFile(sandbox.Sandbox.CgroupPath, "pids", "pids.max");
        string memoryMax = HostCgroupFile(sandbox.Sandbox.CgroupPath, "memory", "memory.limit_in_bytes", "memory.max");
        Assert.Equal("64", File.ReadAllText(pidsMax).Trim());
        Assert.Equal((64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(memoryMax).Trim());

        // The cgroup namespace makes the sandbox's own cgroup the root of its view: v1 under /sys/fs/cgroup/CONTROLLER, v2 at /sys/fs/cgroup.
        // (On v1 the tmpfs holding the controller mounts stays writable with crun 1.8.1 and runc 1.1.5 alike, as in
        // Docker; a file made there is not a cgroup. The controller mounts themselves are read-only.)
        var result = await sandbox.ShAsync("""
            for f in /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max; do
              [ -e $f ] || continue; echo "tried $f=$(cat $f)"; echo max > $f && echo "WROTE $f"
            done
            for f in /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes /sys/fs/cgroup/memory.max; do
              [ -e $f ] || continue; echo "tried $f"; echo 4294967296 > $f && echo "WROTE $f"
            done
            mkdir /sys/fs/cgroup/pids/escape 2>/dev/null && echo "WROTE mkdir"
            [ -e /sys/fs/cgroup/cgroup.procs ] && mkdir /sys/fs/cgroup/escape 2>/dev/null && echo "WROTE mkdir v2"
            true
            """);

        Assert.DoesNotContain("WROTE", result.Stdout);
        Assert.Contains("pids.max=64", result.Stdout);
        Assert.Contains("tried /sys/fs/cgroup/memory", result.Stdout);
        Assert.Equal("64", File.ReadAllText(pidsMax).Trim());
        Assert.Equal((64L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(memoryMax).Trim());
    }

    [RootFact(Requirement + ", gcc -static")]
    public async Task Raising_the_open_files_limit_above_the_hard_limit_fails()
    {
        await using var sandbox = await fixture.StartAsync(new CreateSandboxRequest { Image = ProbeImage.Name, Limits = new LimitsDto { OpenFiles = 512 } });

        var shell = await sandbox.ShAsync("ulimit -Hn; ulimit -n; ulimit -n 100000 && echo RAISED; ulimit -n");
        Assert.Equal("512\n512\n512\n", shell.Stdout);
        Assert.Contains("Operation not permitted", shell.Stderr);

        // setrlimit itself: up to the hard limit is allowed (the control), above it EPERM (no CAP_SYS_RESOURCE).
        Assert.Equal("setrlimit_nofile: allowed\n", (await sandbox.ProbeAsync("setrlimit_nofile", "256")).Stdout);
        var raise = await sandbox.ProbeAsync("setrlimit_nofile", "100000");
        Assert.True(raise.ExitCode == 0, raise.ToString());
        Assert.Equal("setrlimit_nofile: refused EPERM\n", raise.Stdout);
        Assert.Equal("512\n", (await sandbox.ShAsync("ulimit -Hn")).Stdout);
    }

    [RootFact(Requirement)]
    public async Task An_exec_runs_inside_the_sandbox_cgroup_like_its_init()
    {
        await using var sandbox = await fixture.StartAsync();
        // Inside: the cgroup namespace's root, on every hierarchy ("/.." would mean outside it).
        var inside = await sandbox.ExecAsync("cat", "/proc/self/cgroup");
        Assert.All(inside.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.EndsWith(":/", line));

        // Outside: the host sees the exec'd process in the sandbox's own pids and memory cgroups.
        var process = await fixture.Client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["sleep", "30"] });
        int pid = process.Pid ?? throw new InvalidOperationException("the exec has no pid");
        var lines = File.ReadAllLines($"/proc/{pid}/cgroup");
        foreach (string controller in new[] { "pids", "memory" })
        {
            string? line = lines.FirstOrDefault(l => l.Split(':')[1].Split(',').Contains(controller)) ?? lines.FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal));
            Assert.True(line is not null && line.EndsWith(":" + sandbox.Sandbox.CgroupPath, StringComparison.Ordinal),
                $"exec pid {pid} is not in {sandbox.Sandbox.CgroupPath} for {controller}:\n{string.Join('\n', lines)}");
        }
    }

    private static string HostCgroupFile(string cgroupPath, string controller, params string[] names)
    {
        foreach (string name in names)
            foreach (string path in new[] { $"/sys/fs/cgroup/{controller}{cgroupPath}/{name}", $"/sys/fs/cgroup{cgroupPath}/{name}" })
                if (File.Exists(path))
                    return path;
        throw new InvalidOperationException($"no {string.Join(" or ", names)} for cgroup {cgroupPath} under /sys/fs/cgroup");
    }
}
