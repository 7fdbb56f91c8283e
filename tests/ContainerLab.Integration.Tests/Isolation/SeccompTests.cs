using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>
/// Kernel interfaces a default sandbox must not reach: module loading, mounts, keyrings, eBPF, perf, the
/// crypto and vsock socket families and new namespaces. EPERM (ENOSYS for clone3) is the seccomp filter's
/// answer; several of these (perf_event_open, AF_VSOCK, userfaultfd) would succeed without it.
/// </summary>
public sealed class SeccompTests(IsolationDaemon fixture) : IClassFixture<IsolationDaemon>, IAsyncLifetime
{
    private const string Requirement = "root, an OCI runtime, user namespaces, seccomp and gcc -static";
    private SandboxLease _sandbox = null!;

    public async Task InitializeAsync()
    {
        if (fixture.Client is not null)
            _sandbox = await fixture.StartAsync(ProbeImage.Name);
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
            await _sandbox.DisposeAsync();
    }

    [RootTheory(Requirement)]
    [InlineData("keyctl", "EPERM")]
    [InlineData("add_key", "EPERM")]
    [InlineData("bpf", "EPERM")]
    [InlineData("perf_event_open", "EPERM")]
    [InlineData("af_alg", "EPERM")]
    [InlineData("af_vsock", "EPERM")]
    [InlineData("finit_module", "EPERM")]
    [InlineData("init_module", "EPERM")]
    [InlineData("userfaultfd", "EPERM")]
    [InlineData("io_uring_setup", "EPERM")]
    [InlineData("syslog", "EPERM")]
    [InlineData("personality_no_aslr", "EPERM")]
    [InlineData("unshare_user", "EPERM")]
    [InlineData("clone_newuser", "EPERM")]
    [InlineData("clone3_newuser", "ENOSYS")]
    [InlineData("mount_tmpfs", "EPERM")]
    public async Task The_default_profile_refuses(string probe, string errno)
    {
        var result = await _sandbox.ProbeAsync(probe);
        Assert.True(result.ExitCode == 0, $"{probe} was not refused: {result}");
        Assert.Equal($"{probe}: refused {errno}\n", result.Stdout);
    }

    [RootFact(Requirement)]
    public async Task Insmod_fails()
    {
        // busybox itself is not a module; what matters is that the kernel never gets to look at it.
        var result = await _sandbox.ShAsync("insmod /bin/busybox");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Operation not permitted", result.Stderr);
    }

    [RootFact(Requirement)]
    public async Task Mounting_proc_tmpfs_or_a_block_device_fails_and_nothing_is_mounted()
    {
        string before = (await _sandbox.ExecAsync("cat", "/proc/self/mountinfo")).Stdout;
        // The host's disk: 254:0 is virtio's vda here; a loop device is 7:0. mknod of a block device is
        // refused (the kernel checks CAP_MKNOD in the initial user namespace; the devices cgroup denies it too).
        var result = await _sandbox.ShAsync("""
            mount -t proc proc /mnt && echo MOUNTED-proc
            mount -t tmpfs tmpfs /mnt && echo MOUNTED-tmpfs
            mknod /tmp/vda b 254 0 && echo MKNOD-vda
            mknod /tmp/loop0 b 7 0 && echo MKNOD-loop0
            mount /dev/vda /mnt && echo MOUNTED-vda
            mount -t ext4 /tmp/vda /mnt && echo MOUNTED-ext4
            mount --bind /proc /mnt && echo MOUNTED-bind
            ls /dev
            true
            """);
        Assert.DoesNotContain("MOUNTED", result.Stdout);
        Assert.DoesNotContain("MKNOD", result.Stdout);
        Assert.DoesNotContain("vda", result.Stdout.Split('\n'));
        Assert.Contains("mknod: /tmp/vda: Operation not permitted", result.Stderr);
        Assert.Contains("mknod: /tmp/loop0: Operation not permitted", result.Stderr);
        string after = (await _sandbox.ExecAsync("cat", "/proc/self/mountinfo")).Stdout;
        Assert.Equal(before, after);
    }
}
