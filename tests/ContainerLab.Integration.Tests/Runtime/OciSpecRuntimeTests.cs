using ContainerLab.Engine.Namespaces;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Sandboxes;
using ContainerLab.TestSupport;
using Xunit.Abstractions;

namespace ContainerLab.Integration.Tests.Runtime;

/// <summary>
/// The generated config.json, seccomp profile included, run for real by runc 1.1.5 and crun 1.8.1 on a
/// busybox rootfs: both accept it, and inside the hardening is what the builder promised.
/// </summary>
public sealed class OciSpecRuntimeTests(ITestOutputHelper output)
{
    // Hex of /proc/PID/status CapBnd/CapEff. Default: CHOWN 0, DAC_OVERRIDE 1, FOWNER 3, FSETID 4, KILL 5,
    // SETGID 6, SETUID 7, SETPCAP 8, NET_BIND_SERVICE 10, NET_RAW 13, SYS_CHROOT 18, MKNOD 27,
    // AUDIT_WRITE 29. Internals adds SETFCAP 31 (Docker's default set is a80425fb).
    private const string DefaultCaps = "00000000280425fb";
    private const string InternalsCaps = "00000000a80425fb";

    private const string Probe = """
        grep -E '^(NoNewPrivs|Seccomp|CapInh|CapEff|CapBnd|CapAmb):' /proc/self/status
        echo "ids=$(id -u):$(id -g)"
        echo "hostname=$(hostname)"
        echo "uid_map=$(cat /proc/self/uid_map)"
        grep -q peer /etc/hosts && echo hosts=bound
        echo "masked=$(grep -cE ' /proc/(keys|timer_list) ' /proc/self/mountinfo)"
        echo "readonly=$(grep -cE ' /proc/(sys|irq) ' /proc/self/mountinfo)"
        first() { for f; do [ -r "/sys/fs/cgroup/$f" ] && { cat "/sys/fs/cgroup/$f"; return; }; done; echo missing; }
        echo "memory=$(first memory/memory.limit_in_bytes memory.max)"
        echo "memsw=$(first memory/memory.memsw.limit_in_bytes memory.swap.max)"
        echo "pids=$(first pids/pids.max pids.max)"
        echo "cpu=$(first cpu/cpu.cfs_quota_us cpu.max)"
        adjtimex >/dev/null 2>&1 && echo adjtimex=allowed || echo adjtimex=denied
        linux32 true && echo personality32=allowed || echo personality32=denied
        unshare -U true 2>&1 && echo userns=allowed || echo userns=denied
        unshare -Urpf --mount-proc sh -c 'echo nested_pid=$$' 2>&1 || echo nested=denied
        echo ok
        """;

    [RootTheory("root, crun and runc")]
    [InlineData("runc", PrivilegeProfile.Default, 0)]
    [InlineData("crun", PrivilegeProfile.Default, 1)]
    [InlineData("runc", PrivilegeProfile.Internals, 2)]
    [InlineData("crun", PrivilegeProfile.Internals, 3)]
    public void Runtime_accepts_the_config_and_applies_its_hardening(string runtime, PrivilegeProfile profile, int rangeIndex)
    {
        var ids = new IdRange(3_000_000_000u + (uint)rangeIndex * IdRange.DefaultCount, IdRange.DefaultCount);
        var id = $"ocispec-{runtime}-{profile.ToString().ToLowerInvariant()}";
        using var bundle = new BusyboxBundle(id, ids);
        bundle.WriteConfig(new SandboxSpec
        {
            Image = "busybox",
            Command = ["/bin/sh", "-c", Probe],
            Tty = false,
            Profile = profile,
            Limits = SandboxLimits.Default with { MemoryBytes = 64 * SandboxLimits.MiB, Pids = 64, Cpus = 0.5 },
        });

        var result = bundle.Run(runtime);
        output.WriteLine(result.ToString());

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var caps = profile == PrivilegeProfile.Default ? DefaultCaps : InternalsCaps;
        Assert.Contains("NoNewPrivs:\t1", lines);
        Assert.Contains("Seccomp:\t2", lines);
        Assert.Contains($"CapBnd:\t{caps}", lines);
        Assert.Contains($"CapEff:\t{caps}", lines);
        Assert.Contains("CapInh:\t0000000000000000", lines);
        Assert.Contains("CapAmb:\t0000000000000000", lines);
        Assert.Contains("ids=0:0", lines);
        Assert.Contains($"hostname={id}", lines);
        Assert.Matches($@"uid_map=\s*0\s+{ids.HostStart}\s+{ids.Count}", result.Stdout);
        Assert.Contains("hosts=bound", lines);
        // v1 (this host): memsw = memory + swap = the limit; v2: swap.max = 0, cpu.max = "quota period".
        Assert.Contains($"memory={64 * SandboxLimits.MiB}", lines);
        Assert.True(lines.Contains($"memsw={64 * SandboxLimits.MiB}") || lines.Contains("memsw=0"), "swap must be off");
        Assert.Contains("pids=64", lines);
        Assert.True(lines.Contains("cpu=50000") || lines.Contains("cpu=50000 100000"), "cpu quota must be 0.5 * 100000");
        // adjtimex (even a read-only query) is denied in both profiles: only our filter refuses it.
        Assert.Contains("adjtimex=denied", lines);
        Assert.Contains("personality32=allowed", lines);
        Assert.Equal("ok", lines[^1]);

        if (profile == PrivilegeProfile.Default)
        {
            // Of Docker's lists only the paths this kernel has are mounted over (no kcore here).
            Assert.Contains("masked=2", lines);
            Assert.Contains("readonly=2", lines);
            Assert.Contains("userns=denied", lines);
            Assert.Contains("nested=denied", lines);
            Assert.Contains("Operation not permitted", result.Stdout);
        }
        else
        {
            Assert.Contains("masked=0", lines);
            Assert.Contains("readonly=0", lines);
            Assert.Contains("userns=allowed", lines);
            // A nested user+pid namespace with its own /proc: needs CAP_SETFCAP, no /proc masks and
            // unshare allowed by seccomp, all three.
            Assert.Contains("nested_pid=1", lines);
        }
    }

    [RootTheory("root, crun and runc")]
    [InlineData("runc", PrivilegeProfile.Default, 4)]
    [InlineData("crun", PrivilegeProfile.Default, 5)]
    [InlineData("runc", PrivilegeProfile.Internals, 6)]
    [InlineData("crun", PrivilegeProfile.Internals, 7)]
    public void Runtime_accepts_the_exec_process_json_and_keeps_the_init_privileges(string runtime, PrivilegeProfile profile, int rangeIndex)
    {
        var ids = new IdRange(3_000_000_000u + (uint)rangeIndex * IdRange.DefaultCount, IdRange.DefaultCount);
        using var bundle = new BusyboxBundle($"ocispec-exec-{runtime}-{profile.ToString().ToLowerInvariant()}", ids);
        var spec = new SandboxSpec
        {
            Image = "busybox",
            Command = ["/bin/sleep", "60"],
            Profile = profile,
            Environment = new Dictionary<string, string> { ["FROM_SPEC"] = "spec", ["OVERRIDDEN"] = "spec" },
        };
        bundle.WriteConfig(spec);
        var process = OciProcessBuilder.ForExec(spec, bundle.Layout,
            ["/bin/sh", "-c", "grep -E '^(NoNewPrivs|Seccomp|CapEff|CapBnd):' /proc/self/status; echo \"env=$FROM_SPEC,$OVERRIDDEN,$PWD\"; adjtimex >/dev/null 2>&1 || echo adjtimex=denied"],
            tty: false, "/tmp", new Dictionary<string, string> { ["OVERRIDDEN"] = "exec" });
        var processJson = Path.Combine(bundle.BundlePath, "process.json");
        File.WriteAllText(processJson, OciJson.Serialize(process));

        try
        {
            var started = bundle.RunDetached(runtime);
            output.WriteLine(started.ToString());
            Assert.Equal(0, started.ExitCode);

            var result = bundle.Exec(runtime, processJson);
            output.WriteLine(result.ToString());

            Assert.Equal(0, result.ExitCode);
            var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var caps = profile == PrivilegeProfile.Default ? DefaultCaps : InternalsCaps;
            Assert.Contains("NoNewPrivs:\t1", lines);
            Assert.Contains("Seccomp:\t2", lines);
            Assert.Contains($"CapEff:\t{caps}", lines);
            Assert.Contains($"CapBnd:\t{caps}", lines);
            Assert.Contains("env=spec,exec,/tmp", lines);
            Assert.Contains("adjtimex=denied", lines);
        }
        finally
        {
            bundle.Delete(runtime);
        }
    }
}
