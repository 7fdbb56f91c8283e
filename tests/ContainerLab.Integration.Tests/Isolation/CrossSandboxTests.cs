using System.Diagnostics;
using System.Globalization;
using ContainerLab.Api.Contracts;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>Two sandboxes on one daemon share nothing: processes, files, SysV IPC, hostname; and a kill-everything in one reaches nothing else.</summary>
public sealed class CrossSandboxTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user namespaces";

    [RootFact(Requirement)]
    public async Task A_process_in_one_sandbox_is_invisible_in_the_other()
    {
        string marker = "clab-marker-" + Guid.NewGuid().ToString("N")[..8];
        // The shell stays (it has a command after sleep), so its argv carries the marker.
        await using var a = await fixture.StartAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sh", "-c", $"sleep 3600; echo {marker}"] });
        await using var b = await fixture.StartAsync();

        var inA = await a.ExecAsync("ps", "-o", "pid,args");
        var inB = await b.ExecAsync("ps", "-o", "pid,args");
        Assert.Contains(marker, inA.Stdout);
        Assert.DoesNotContain(marker, inB.Stdout);
        Assert.DoesNotContain("sleep 3600; echo", inB.Stdout);
    }

    [RootFact(Requirement)]
    public async Task A_file_written_in_one_sandbox_is_absent_in_the_other()
    {
        string name = "clab-file-" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await fixture.StartAsync();
        await using var b = await fixture.StartAsync();
        const string Check = "for f in /{0} /tmp/{0} /dev/shm/{0} /root/{0}; do [ -e $f ] && echo present $f; done; true";

        var write = await a.ShAsync($"for d in / /tmp/ /dev/shm/ /root/; do echo secret > ${{d}}{name}; done");
        Assert.Equal(0, write.ExitCode);
        Assert.Equal(4, (await a.ShAsync(string.Format(CultureInfo.InvariantCulture, Check, name))).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var inB = await b.ShAsync(string.Format(CultureInfo.InvariantCulture, Check, name));
        Assert.Equal("", inB.Stdout);
    }

    [RootFact(Requirement + ", gcc -static")]
    public async Task A_sysv_shared_memory_segment_of_one_sandbox_is_absent_in_the_other_and_on_the_host()
    {
        // Debian's busybox has no ipcmk/ipcs: the probe makes the segment, /proc/sysvipc/shm lists segments.
        int key = Random.Shared.Next(0x10000000, 0x7fffffff);
        string keyText = key.ToString(CultureInfo.InvariantCulture);
        static bool Lists(string table, string key) => table.Split('\n').Skip(1).Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() == key);
        Assert.False(Lists(File.ReadAllText("/proc/sysvipc/shm"), keyText), "the host already has a segment with the test's key");
        await using var a = await fixture.StartAsync(ProbeImage.Name);
        await using var b = await fixture.StartAsync(ProbeImage.Name);

        var made = await a.ProbeAsync("shmget", keyText);
        Assert.True(made.ExitCode == 1, $"shmget in A: {made}");
        Assert.True(Lists((await a.ExecAsync("cat", "/proc/sysvipc/shm")).Stdout, keyText), "A does not list its own segment");
        Assert.False(Lists((await b.ExecAsync("cat", "/proc/sysvipc/shm")).Stdout, keyText), "B lists A's segment");
        Assert.False(Lists(File.ReadAllText("/proc/sysvipc/shm"), keyText), "the host lists A's segment");
    }

    [RootFact(Requirement)]
    public async Task Hostnames_differ_and_changing_one_changes_neither_the_other_nor_the_host()
    {
        string hostHostname = File.ReadAllText("/proc/sys/kernel/hostname");
        await using var a = await fixture.StartAsync();
        await using var b = await fixture.StartAsync();
        await using var internals = await fixture.StartAsync(profile: "internals");
        string hostnameB = (await b.ExecAsync("hostname")).Stdout;
        Assert.NotEqual((await a.ExecAsync("hostname")).Stdout, hostnameB);

        // Default profile: sethostname needs CAP_SYS_ADMIN over the sandbox's UTS namespace, which root there lacks.
        var inA = await a.ShAsync("hostname clab-renamed; hostname");
        Assert.Contains("Operation not permitted", inA.Stderr);
        // Internals: in a UTS namespace of its own (unshare -Uru) root may rename, and that is all it renames.
        var nested = await internals.ShAsync("unshare -Uru sh -c 'hostname clab-renamed && hostname'");
        Assert.Equal("clab-renamed\n", nested.Stdout);

        Assert.Equal(hostnameB, (await b.ExecAsync("hostname")).Stdout);
        Assert.Equal(internals.Sandbox.Name + "\n", (await internals.ExecAsync("hostname")).Stdout);
        Assert.Equal(hostHostname, File.ReadAllText("/proc/sys/kernel/hostname"));
    }

    [RootFact(Requirement)]
    public async Task Kill_minus_one_inside_a_sandbox_kills_only_its_own_processes()
    {
        using var hostSleep = Process.Start("sleep", "3600");
        try
        {
            await using var victim = await fixture.StartAsync();
            await using var killer = await fixture.StartAsync();
            Assert.Equal(0, (await victim.ShAsync("sleep 3602 >/dev/null 2>&1 &")).ExitCode);
            Assert.Equal(0, (await killer.ShAsync("sleep 3601 >/dev/null 2>&1 &")).ExitCode);
            Assert.Contains("sleep 3601", (await killer.ExecAsync("ps", "-o", "args")).Stdout);

            await killer.ShAsync("kill -9 -1; echo killed=$?");
            // kill(-1, ...) spares only the init (pid 1, the kernel documents it): the sandbox's command (pid 2, the
            // init's child) dies with everything else, and the init then ends with it, like docker run --init.
            for (int i = 0; i < 50 && (await fixture.Client.GetSandboxAsync(killer.Id)).State != "exited"; i++)
                await Task.Delay(100);
            Assert.Equal("exited", (await fixture.Client.GetSandboxAsync(killer.Id)).State);

            Assert.False(hostSleep.HasExited, "kill -9 -1 in a sandbox killed a host process");
            Assert.Equal("running", (await fixture.Client.GetSandboxAsync(victim.Id)).State);
            string victimAfter = (await victim.ExecAsync("ps", "-o", "args")).Stdout;
            Assert.Contains("sleep 3600", victimAfter);
            Assert.Contains("sleep 3602", victimAfter);
        }
        finally
        {
            hostSleep.Kill();
            await hostSleep.WaitForExitAsync();
        }
    }
}
