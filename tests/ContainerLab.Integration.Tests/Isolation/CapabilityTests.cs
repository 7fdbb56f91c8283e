using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>What root inside a default sandbox may do, as the kernel sees it (/proc/self/status), for its init and for an exec.</summary>
public sealed class CapabilityTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user namespaces and seccomp";

    [RootFact(Requirement)]
    public async Task Init_and_exec_run_with_the_default_set_only_no_new_privs_and_a_seccomp_filter()
    {
        await using var sandbox = await fixture.StartAsync();
        var init = await sandbox.ExecAsync("cat", "/proc/1/status");
        var exec = await sandbox.ExecAsync("cat", "/proc/self/status");
        Assert.True(init.ExitCode == 0 && exec.ExitCode == 0, $"{init}\n{exec}");

        foreach (var status in new[] { ProcStatus.Parse(init.Stdout), ProcStatus.Parse(exec.Stdout) })
        {
            foreach (ulong set in new[] { status.CapEff, status.CapBnd, status.CapPrm })
            {
                Assert.False(ProcStatus.Has(set, ProcStatus.CapSysAdmin), $"CAP_SYS_ADMIN in {set:x}");
                Assert.False(ProcStatus.Has(set, ProcStatus.CapSysModule), $"CAP_SYS_MODULE in {set:x}");
                Assert.False(ProcStatus.Has(set, ProcStatus.CapSysPtrace), $"CAP_SYS_PTRACE in {set:x}");
                Assert.False(ProcStatus.Has(set, ProcStatus.CapSetfcap), $"CAP_SETFCAP in {set:x}");
                Assert.Equal(ProcStatus.DefaultSet, set);
            }
            Assert.Equal(0UL, status.CapInh);
            Assert.Equal(0UL, status.CapAmb);
            Assert.Equal(1, status.NoNewPrivs);
            Assert.Equal(2, status.Seccomp); // SECCOMP_MODE_FILTER
        }
    }

    [RootFact(Requirement)]
    public async Task Capabilities_act_only_in_the_sandbox_user_namespace_whose_root_is_an_unprivileged_host_uid()
    {
        await using var sandbox = await fixture.StartAsync();
        var result = await sandbox.ShAsync("cat /proc/self/uid_map; cat /proc/self/gid_map");
        Assert.Equal(0, result.ExitCode);
        var maps = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(2, maps.Count);
        Assert.All(maps, m =>
        {
            Assert.Equal("0", m[0]);
            Assert.NotEqual("0", m[1]);
            Assert.Equal("65536", m[2]);
        });

        // The host sees the sandbox's init as that uid, not as root.
        int pid = (await fixture.Client.GetSandboxAsync(sandbox.Id)).Pid ?? throw new InvalidOperationException("no init pid");
        string uidLine = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        Assert.DoesNotContain(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1), uid => uid == "0");
    }
}
