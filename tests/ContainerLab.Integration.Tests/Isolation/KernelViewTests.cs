using ContainerLab.Api.Contracts;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// What a sandbox sees of the kernel's own filesystems, with crun and with runc: the cgroup view is read-only all
/// the way down (on cgroup v1 the runtime's tmpfs at /sys/fs/cgroup too) while the sandbox's limits stay readable,
/// and every path Docker's default masks or makes read-only is, plus the host's boot data.
/// </summary>
public sealed class KernelViewTests(BothRuntimes daemons) : IClassFixture<BothRuntimes>
{
    private const string Requirement = "root, crun and runc, user namespaces";

    /// <summary>Docker's default maskedPaths, and what ContainerLab masks beyond it: the host's boot data.</summary>
    public static readonly string[] Masked =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
        "/proc/cmdline", "/sys/kernel/vmcoreinfo", "/sys/kernel/boot_params",
    ];

    /// <summary>Docker's default readonlyPaths.</summary>
    public static readonly string[] ReadOnly = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    [RootTheory(Requirement)]
    [InlineData("crun")]
    [InlineData("runc")]
    public async Task The_cgroup_view_refuses_mkdir_and_writes_with_EROFS_and_the_limits_stay_readable(string runtime)
    {
        await using var sandbox = await daemons.For(runtime).StartAsync(new CreateSandboxRequest
        {
            Image = "busybox",
            Limits = new LimitsDto { MemoryBytes = 48L * 1024 * 1024, Pids = 77 },
        });

        // Every directory of the view: on v1 the tmpfs and each controller under it, on v2 the cgroup itself (the v2 guest
        // found the glob left as written there, a non-directory, failing with ENOENT instead of the EROFS under test).
        var result = await sandbox.ShAsync("""
            for d in /sys/fs/cgroup /sys/fs/cgroup/*/; do
              [ -d "$d" ] || continue # v2: no subdirectories, the glob stays as written
              d=${d%/}
              echo "mkdir $d: $(mkdir $d/clab-x 2>&1 && echo MADE)"
              echo "create $d: $( (echo 1 > $d/clab-y) 2>&1 && echo MADE)"
            done
            limit=/sys/fs/cgroup/memory.max; [ -e $limit ] || limit=/sys/fs/cgroup/memory/memory.limit_in_bytes
            pids=/sys/fs/cgroup/pids.max; [ -e $pids ] || pids=/sys/fs/cgroup/pids/pids.max
            echo "write limit: $( (echo 1073741824 > $limit) 2>&1 && echo MADE)"
            echo "memory $(cat $limit)"
            echo "pids $(cat $pids)"
            ls -A /sys/fs/cgroup
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var attempts = lines.Where(l => l.StartsWith("mkdir ", StringComparison.Ordinal) || l.StartsWith("create ", StringComparison.Ordinal)
            || l.StartsWith("write ", StringComparison.Ordinal)).ToList();
        Assert.Contains(attempts, l => l.StartsWith("mkdir /sys/fs/cgroup: ", StringComparison.Ordinal));
        Assert.All(attempts, l => Assert.True(l.EndsWith("Read-only file system", StringComparison.Ordinal), $"{runtime}: {l}"));
        Assert.Contains("memory 50331648", lines);
        Assert.Contains("pids 77", lines);
        Assert.DoesNotContain("clab-x", lines);
        Assert.DoesNotContain("clab-y", lines);
    }

    [RootTheory(Requirement)]
    [InlineData("crun")]
    [InlineData("runc")]
    public async Task Every_masked_path_is_an_empty_mount_and_every_read_only_path_a_read_only_one(string runtime)
    {
        await using var sandbox = await daemons.For(runtime).StartAsync();
        var view = await SandboxView.ReadAsync(sandbox, [.. Masked, .. ReadOnly]);

        // Each path this kernel has is covered by a mount of its own: an empty tmpfs or /dev/null for the masked,
        // a read-only bind of itself for the rest. A path the kernel lacks is nothing to hide.
        foreach (string path in Masked.Where(view.Exists))
        {
            Assert.True(view.IsMountPoint(path), $"{path} is not masked ({runtime})");
            Assert.True(view.Size(path) == 0, $"{path} shows {view.Size(path)} bytes or entries ({runtime})");
        }
        foreach (string path in ReadOnly.Where(view.Exists))
            Assert.True(view.IsReadOnlyMount(path), $"{path} is not a read-only mount ({runtime})");

        // The host has these, so they must have been found (and masked) above, not skipped.
        foreach (string hostPath in new[] { "/proc/cmdline", "/sys/kernel/vmcoreinfo", "/proc/sys", "/sys/firmware" }.Where(Path.Exists))
            Assert.True(view.Exists(hostPath), $"{hostPath} is missing in the sandbox ({runtime})");
    }

    /// <summary>
    /// Internals leaves /proc unmasked (a nested `--mount-proc` needs a fully visible /proc) but keeps the /sys
    /// masks and the read-only cgroup view: a fresh procfs only looks at /proc.
    /// </summary>
    [RootFact(Requirement)]
    public async Task Internals_keeps_the_sys_masks_and_the_read_only_cgroup_view_and_still_mounts_a_nested_proc()
    {
        await using var sandbox = await daemons.Crun.StartAsync(profile: "internals");

        var result = await sandbox.ShAsync("""
            echo "vmcoreinfo $(wc -c < /sys/kernel/vmcoreinfo)"
            echo "mkdir: $(mkdir /sys/fs/cgroup/clab-x 2>&1 && echo MADE)"
            echo "nested: $(unshare -Urm sh -c 'mount -o remount,rw /sys/fs/cgroup 2>/dev/null; mkdir /sys/fs/cgroup/clab-y' 2>&1 && echo MADE)"
            unshare -Urpf --mount-proc sh -c 'echo "nested pid $$"'
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("vmcoreinfo 0", lines);
        Assert.Contains(lines, l => l.StartsWith("mkdir: ", StringComparison.Ordinal) && l.EndsWith("Read-only file system", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("nested: ", StringComparison.Ordinal) && l.EndsWith("Read-only file system", StringComparison.Ordinal));
        Assert.Contains("nested pid 1", lines);
    }
}
