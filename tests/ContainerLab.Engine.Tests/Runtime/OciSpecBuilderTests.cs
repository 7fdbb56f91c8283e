using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Runtime.Oci;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Runtime;

public sealed class OciSpecBuilderTests
{
    private static OciSpec Build(SandboxSpec? spec = null, Engine.Runtime.SandboxRuntimeLayout? layout = null) =>
        OciSpecBuilder.Build(spec ?? SandboxFixtures.Spec(), layout ?? SandboxFixtures.Layout(), Architecture.X64);

    [Fact]
    public void Root_hostname_and_cgroups_path_come_from_the_layout()
    {
        var oci = Build();

        Assert.Equal("1.0.2", oci.OciVersion);
        Assert.Equal("/var/lib/containerlab/sandboxes/sbx-1/rootfs", oci.Root.Path);
        Assert.False(oci.Root.Readonly);
        Assert.Equal("web", oci.Hostname);
        Assert.Equal("/containerlab/sbx-1", oci.Linux.CgroupsPath);
    }

    [Theory]
    [InlineData("containerlab/sbx-1")]
    [InlineData("")]
    public void A_relative_cgroups_path_is_refused(string path)
    {
        var layout = SandboxFixtures.Layout() with { CgroupsPath = path };

        Assert.Throws<InvalidRequestException>(() => Build(layout: layout));
    }

    [Fact]
    public void Every_namespace_is_new()
    {
        var namespaces = Build().Linux.Namespaces;

        Assert.Equal(7, namespaces.Count);
        Assert.Equal(
            new HashSet<OciNamespaceType>
            {
                OciNamespaceType.Pid, OciNamespaceType.Mount, OciNamespaceType.Uts, OciNamespaceType.Ipc,
                OciNamespaceType.Network, OciNamespaceType.Cgroup, OciNamespaceType.User,
            },
            namespaces.Select(n => n.Type).ToHashSet());
        Assert.All(namespaces, n => Assert.Null(n.Path));
    }

    [Fact]
    public void Root_inside_maps_onto_the_start_of_the_sandbox_id_range()
    {
        var linux = Build().Linux;

        var uid = Assert.Single(linux.UidMappings!);
        var gid = Assert.Single(linux.GidMappings!);
        Assert.Equal(new OciIdMapping { ContainerId = 0, HostId = 200_000, Size = 65_536 }, uid);
        Assert.Equal(uid, gid);
    }

    [Fact]
    public void Swap_equals_the_memory_limit_so_there_is_no_swap()
    {
        var memory = Build().Linux.Resources!.Memory!;

        Assert.Equal(128 * SandboxLimits.MiB, memory.Limit);
        Assert.Equal(memory.Limit, memory.Swap);
    }

    [Theory]
    [InlineData(1.5, 150_000)]
    [InlineData(0.05, 5_000)]
    [InlineData(4.0, 400_000)]
    [InlineData(0.333333, 33_333)]
    public void Cpu_quota_is_cpus_times_the_period(double cpus, long quota)
    {
        var spec = SandboxFixtures.Spec() with { Limits = SandboxLimits.Default with { Cpus = cpus } };

        var cpu = Build(spec).Linux.Resources!.Cpu!;

        Assert.Equal(100_000UL, cpu.Period);
        Assert.Equal(quota, cpu.Quota);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Cpus_must_be_positive(double cpus)
    {
        var spec = SandboxFixtures.Spec() with { Limits = SandboxLimits.Default with { Cpus = cpus } };

        Assert.Throws<InvalidRequestException>(() => Build(spec));
    }

    [Fact]
    public void Pids_limit_is_the_spec_limit()
    {
        Assert.Equal(100, Build().Linux.Resources!.Pids!.Limit);
    }

    [Fact]
    public void Devices_are_denied_except_the_standard_set()
    {
        var devices = Build().Linux.Resources!.Devices!;

        var first = devices[0];
        Assert.False(first.Allow);
        Assert.Equal("rwm", first.Access);
        Assert.Null(first.Type);
        var allowed = devices.Skip(1).Select(d => (d.Allow, d.Type, d.Major, d.Minor)).ToHashSet();
        Assert.Equal(
            new HashSet<(bool, string?, long?, long?)>
            {
                (true, "c", 1, 3), (true, "c", 1, 5), (true, "c", 1, 7), (true, "c", 1, 8), (true, "c", 1, 9),
                (true, "c", 5, 0), (true, "c", 5, 1), (true, "c", 5, 2), (true, "c", 136, null),
            },
            allowed);
    }

    [Fact]
    public void Kernel_filesystems_are_mounted_with_docker_options_and_devpts_has_no_gid()
    {
        var mounts = Build().Mounts.ToDictionary(m => m.Destination);

        Assert.Equal("proc", mounts["/proc"].Type);
        Assert.Equal(["nosuid", "strictatime", "mode=755", "size=65536k"], mounts["/dev"].Options!);
        Assert.Equal("tmpfs", mounts["/dev"].Type);
        Assert.Equal(["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"], mounts["/dev/pts"].Options!);
        Assert.DoesNotContain(mounts["/dev/pts"].Options!, o => o.StartsWith("gid=", StringComparison.Ordinal));
        Assert.Equal(["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"], mounts["/dev/shm"].Options!);
        Assert.Equal("mqueue", mounts["/dev/mqueue"].Type);
        Assert.Equal("sysfs", mounts["/sys"].Type);
        Assert.Contains("ro", mounts["/sys"].Options!);
        Assert.Equal("cgroup", mounts["/sys/fs/cgroup"].Type);
        Assert.Contains("ro", mounts["/sys/fs/cgroup"].Options!);
        Assert.Contains("relatime", mounts["/sys/fs/cgroup"].Options!);
    }

    [Fact]
    public void Devpts_comes_after_dev_which_comes_after_proc()
    {
        var order = Build().Mounts.Select(m => m.Destination).ToList();

        Assert.True(order.IndexOf("/dev") < order.IndexOf("/dev/pts"));
        Assert.True(order.IndexOf("/dev") < order.IndexOf("/dev/shm"));
        Assert.True(order.IndexOf("/sys") < order.IndexOf("/sys/fs/cgroup"));
    }

    [Fact]
    public void Hosts_and_hostname_files_are_bound_read_write()
    {
        var mounts = Build().Mounts.ToDictionary(m => m.Destination);

        Assert.Equal("/var/lib/containerlab/sandboxes/sbx-1/hosts", mounts["/etc/hosts"].Source);
        Assert.Equal("/var/lib/containerlab/sandboxes/sbx-1/hostname", mounts["/etc/hostname"].Source);
        Assert.Equal(["rbind", "rprivate"], mounts["/etc/hosts"].Options!);
        Assert.DoesNotContain("ro", mounts["/etc/hostname"].Options!);
        Assert.Equal("bind", mounts["/etc/hosts"].Type);
    }

    [Fact]
    public void Without_hosts_files_nothing_is_bound_over_etc()
    {
        var layout = SandboxFixtures.Layout() with { HostsFile = null, HostnameFile = null };

        Assert.DoesNotContain(Build(layout: layout).Mounts, m => m.Destination.StartsWith("/etc/", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_masks_proc_and_sys_like_docker_plus_the_hosts_boot_data()
    {
        var linux = Build().Linux;

        Assert.Equal(
            ["/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
             "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/proc/cmdline",
             "/sys/firmware", "/sys/devices/virtual/powercap", "/sys/kernel/vmcoreinfo", "/sys/kernel/boot_params"],
            linux.MaskedPaths!);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger", "/sys/fs/cgroup"], linux.ReadonlyPaths!);
    }

    [Fact]
    public void Internals_leaves_proc_unmasked_so_a_nested_procfs_can_be_mounted_but_keeps_the_sys_masks()
    {
        var linux = Build(SandboxFixtures.Spec(PrivilegeProfile.Internals)).Linux;

        Assert.DoesNotContain(linux.MaskedPaths!, p => p.StartsWith("/proc/", StringComparison.Ordinal));
        Assert.DoesNotContain(linux.ReadonlyPaths!, p => p.StartsWith("/proc/", StringComparison.Ordinal));
        Assert.Equal(SysPaths.Masked, linux.MaskedPaths!);
        Assert.Equal(["/sys/fs/cgroup"], linux.ReadonlyPaths!);
    }

    [Fact]
    public void The_cgroup_view_is_recursively_read_only_in_every_profile()
    {
        foreach (var profile in new[] { PrivilegeProfile.Default, PrivilegeProfile.Internals })
        {
            var spec = Build(SandboxFixtures.Spec(profile));
            // rro: crun makes the v1 tmpfs and every controller under it read-only (mount_setattr AT_RECURSIVE);
            // the read-only bind does the same for runc 1.1, which ignores rro on a cgroup mount.
            Assert.Contains("rro", spec.Mounts.Single(m => m.Destination == "/sys/fs/cgroup").Options!);
            Assert.Contains("/sys/fs/cgroup", spec.Linux.ReadonlyPaths!);
        }
    }

    [Fact]
    public void Seccomp_profile_follows_the_privilege_profile()
    {
        var defaultSeccomp = Build().Linux.Seccomp!;
        var internalsSeccomp = Build(SandboxFixtures.Spec(PrivilegeProfile.Internals)).Linux.Seccomp!;

        Assert.True(SeccompEvaluator.IsDenied(defaultSeccomp, "unshare"));
        Assert.False(SeccompEvaluator.IsDenied(internalsSeccomp, "unshare"));
    }
}
