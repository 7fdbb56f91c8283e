using System.Text.Json;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// procfs is not fully namespaced: files that show or change host-wide state are masked (/dev/null or an
/// empty directory) or read-only in the default profile, and writes to them leave the host unchanged.
/// </summary>
public sealed class ProcMaskTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>
{
    private const string Requirement = "root, an OCI runtime, user namespaces";

    [RootFact(Requirement)]
    public async Task Writing_sysrq_trigger_and_core_pattern_fails_and_the_host_is_unchanged()
    {
        await using var sandbox = await fixture.StartAsync();
        string corePattern = File.ReadAllText("/proc/sys/kernel/core_pattern");
        bool hostHasSysrq = File.Exists("/proc/sysrq-trigger");

        // 'h' only prints help to the kernel log, should the write ever go through.
        CommandResult result;
        string corePatternAfter;
        try
        {
            result = await sandbox.ShAsync("""
            echo h > /proc/sysrq-trigger && echo WROTE-sysrq
            echo '|/tmp/clab-pwned %p' > /proc/sys/kernel/core_pattern && echo WROTE-core_pattern
            sysctl -w kernel.core_pattern='|/tmp/clab-pwned' && echo WROTE-sysctl
            cat /proc/sys/kernel/core_pattern
            """);
        }
        finally
        {
            // Should the write have gone through, put the host's back before asserting.
            corePatternAfter = File.ReadAllText("/proc/sys/kernel/core_pattern");
            if (corePatternAfter != corePattern)
                File.WriteAllText("/proc/sys/kernel/core_pattern", corePattern);
        }

        Assert.DoesNotContain("WROTE", result.Stdout);
        Assert.Equal(corePattern, corePatternAfter);
        Assert.Contains(corePattern.Trim(), result.Stdout);
        Assert.Equal(hostHasSysrq, File.Exists("/proc/sysrq-trigger"));
        // /proc/sys is mounted read-only in the sandbox: EROFS, before any permission check.
        Assert.Contains("core_pattern: Read-only file system", result.Stderr);
    }

    [RootFact(Requirement)]
    public async Task Kcore_and_keys_are_masked()
    {
        await using var sandbox = await fixture.StartAsync();
        var result = await sandbox.ShAsync("""
            for f in /proc/kcore /proc/keys; do
              if [ -e $f ]; then echo "$f $(stat -c '%F %t:%T' $f) bytes=$(head -c 4096 $f 2>/dev/null | wc -c)"; else echo "$f absent"; fi
            done
            """);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // /proc/keys lists key serials host-wide (keyrings are not namespaced): /dev/null over it.
        Assert.Contains("/proc/keys character special file 1:3 bytes=0", lines);
        // Some kernels (this one: CONFIG_PROC_KCORE off) have no /proc/kcore; where it exists it must be /dev/null.
        Assert.Contains(File.Exists("/proc/kcore") ? "/proc/kcore character special file 1:3 bytes=0" : "/proc/kcore absent", lines);

        // Either way the spec the runtime got masks both, so a kernel that has kcore gets it masked.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Daemon.StateDirectory, "sandboxes", sandbox.Id, "config.json")));
        var masked = config.RootElement.GetProperty("linux").GetProperty("maskedPaths").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("/proc/kcore", masked);
        Assert.Contains("/proc/keys", masked);
    }

    [RootFact(Requirement)]
    public async Task Every_masked_path_that_exists_is_empty()
    {
        await using var sandbox = await fixture.StartAsync();
        var result = await sandbox.ShAsync("""
            for p in /proc/asound /proc/acpi /proc/kcore /proc/keys /proc/latency_stats /proc/timer_list /proc/timer_stats \
                     /proc/sched_debug /proc/scsi /sys/firmware /sys/devices/virtual/powercap; do
              [ -e $p ] || continue
              if [ -d $p ]; then n=$(ls -A $p | wc -l); else n=$(head -c 4096 $p 2>/dev/null | wc -c); fi
              echo "$p $n"
            done
            """);
        Assert.Equal(0, result.ExitCode);
        var visible = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.EndsWith(" 0", StringComparison.Ordinal)).ToList();
        Assert.True(visible.Count == 0, "masked paths with content: " + string.Join(", ", visible));
    }
}
