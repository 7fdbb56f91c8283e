using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// The internals profile (namespace labs) lets a student make namespaces and mounts of their own, inside
/// the sandbox's user namespace, and nothing more: the default profile refuses the same, and the interfaces
/// refused in every profile stay refused.
/// </summary>
public sealed class InternalsProfileTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user namespaces, overlayfs";

    [RootFact(Requirement)]
    public async Task Unshare_Urpf_mount_proc_gives_a_shell_that_is_pid_1()
    {
        await using var sandbox = await fixture.StartAsync(profile: "internals");
        var result = await sandbox.ShAsync("unshare -Urpf --mount-proc sh -c 'echo $$; ps -o pid,args'");
        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("1", lines[0]);
        // The fresh /proc shows the new pid namespace only (sh execs ps as its last command, so ps is pid 1
        // there), not the sandbox's init.
        Assert.Equal(["PID COMMAND"], lines[1..2].Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        Assert.Single(lines[2..]);
        Assert.StartsWith("1 ", lines[2]);
        Assert.DoesNotContain(lines, l => l.Contains("sleep 3600", StringComparison.Ordinal));
    }

    /// <summary>
    /// An overlay with its upper directory on the sandbox's own root (itself an overlay) is refused by the
    /// kernel (EINVAL); a tmpfs mounted first under /tmp in the student's user+mount namespace, then the
    /// overlay on top, works: lower, upper, work and merged all on that tmpfs.
    /// </summary>
    [RootFact(Requirement)]
    public async Task A_student_can_mount_an_overlay_on_a_tmpfs_of_their_own_under_tmp()
    {
        await using var sandbox = await fixture.StartAsync(profile: "internals");
        var result = await sandbox.ShAsync("""
            unshare -Urm sh -e -c '
              mount -t tmpfs tmpfs /tmp
              mkdir /tmp/lower /tmp/upper /tmp/work /tmp/merged
              echo from-lower > /tmp/lower/a
              mount -t overlay overlay -o lowerdir=/tmp/lower,upperdir=/tmp/upper,workdir=/tmp/work /tmp/merged
              echo from-merged > /tmp/merged/b
              cat /tmp/merged/a; ls /tmp/upper; grep -c " /tmp/merged " /proc/self/mounts'
            """);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("from-lower\nb\n1\n", result.Stdout);
        // The mounts lived in the student's mount namespace: the sandbox's /tmp is as it was.
        Assert.Equal("", (await sandbox.ExecAsync("ls", "-A", "/tmp")).Stdout);
    }

    [RootFact(Requirement)]
    public async Task The_default_profile_refuses_unshare_Ur()
    {
        await using var sandbox = await fixture.StartAsync();
        var result = await sandbox.ShAsync("unshare -Ur true");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Operation not permitted", result.Stderr);
        var proc = await sandbox.ShAsync("unshare -Urpf --mount-proc sh -c 'echo $$'");
        Assert.NotEqual(0, proc.ExitCode);
        Assert.DoesNotContain("1", proc.Stdout);
    }

    [RootFact(Requirement)]
    public async Task Internals_adds_only_CAP_SETFCAP_and_keeps_no_new_privs_and_seccomp()
    {
        await using var sandbox = await fixture.StartAsync(profile: "internals");
        var status = ProcStatus.Parse((await sandbox.ExecAsync("cat", "/proc/self/status")).Stdout);
        Assert.Equal(ProcStatus.DefaultSet | (1UL << ProcStatus.CapSetfcap), status.CapEff);
        Assert.Equal(status.CapEff, status.CapBnd);
        Assert.False(ProcStatus.Has(status.CapEff, ProcStatus.CapSysAdmin));
        Assert.Equal(1, status.NoNewPrivs);
        Assert.Equal(2, status.Seccomp);
    }

    [RootFact(Requirement)]
    public async Task Without_the_proc_masks_host_wide_sysctls_stay_unwritable()
    {
        await using var sandbox = await fixture.StartAsync(profile: "internals");
        string corePattern = File.ReadAllText("/proc/sys/kernel/core_pattern");
        string after;
        Infrastructure.CommandResult result;
        try
        {
            // Nested root (unshare -Ur) too: its capabilities are over namespaces it owns, and core_pattern is the host's.
            result = await sandbox.ShAsync("""
                echo '|/tmp/clab-pwned' > /proc/sys/kernel/core_pattern && echo WROTE
                unshare -Ur sh -c "echo '|/tmp/clab-pwned' > /proc/sys/kernel/core_pattern" && echo WROTE-nested
                true
                """);
        }
        finally
        {
            after = File.ReadAllText("/proc/sys/kernel/core_pattern");
            if (after != corePattern)
                File.WriteAllText("/proc/sys/kernel/core_pattern", corePattern);
        }
        Assert.DoesNotContain("WROTE", result.Stdout);
        Assert.Equal(corePattern, after);
    }

    [RootTheory(Requirement + ", gcc -static")]
    [InlineData("keyctl")]
    [InlineData("bpf")]
    [InlineData("perf_event_open")]
    [InlineData("af_alg")]
    [InlineData("af_vsock")]
    [InlineData("init_module")]
    [InlineData("finit_module")]
    [InlineData("io_uring_setup")]
    public async Task Internals_still_refuses(string probe)
    {
        await using var sandbox = await fixture.StartAsync(new Api.Contracts.CreateSandboxRequest { Image = ProbeImage.Name, Profile = "internals" });
        var result = await sandbox.ProbeAsync(probe);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{probe}: refused EPERM\n", result.Stdout);
    }
}
