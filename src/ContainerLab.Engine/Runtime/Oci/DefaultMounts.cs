namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>The kernel filesystems every sandbox gets, in mount order, plus its per-sandbox files.</summary>
public static class DefaultMounts
{
    public static IReadOnlyList<OciMount> For(SandboxRuntimeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        List<OciMount> mounts =
        [
            // A procfs of the new pid namespace. Allowed in a user namespace because the pid namespace is
            // owned by it; the masks in ProcPaths hide what is still host-wide.
            new() { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
            // A private /dev: the runtime creates null, zero, full, random, urandom, tty and the pts links
            // in it (bind mounts from the host inside a user namespace); 64 KiB is plenty for nodes.
            new() { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            // newinstance: a private devpts, so ptys of other sandboxes and the host are invisible.
            // No gid=5: in a user namespace gid 5 may be unmapped and then the mount fails with EINVAL
            // (fs/devpts/inode.c parse_mount_options checks gid_valid of the mapped id).
            new() { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"] },
            // POSIX shared memory, private and size-capped (tmpfs pages count against the memory cgroup).
            new() { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
            // The mqueue of the new IPC namespace.
            new() { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            // sysfs may be mounted because the sandbox has its own network namespace (sysfs shows that
            // namespace's /sys/class/net); read-only since most of the rest is host-wide.
            new() { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
            // The cgroup namespace makes the sandbox's own cgroup the root of this view. On cgroup v1 the
            // runtime puts a tmpfs owned by the sandbox's root here and the controllers under it; "ro" reaches
            // only the controllers, "rro" (mount_setattr with AT_RECURSIVE) the tmpfs too, so `mkdir` there is
            // EROFS instead of making a directory that means nothing. crun honours rro; runc 1.1 ignores it on a
            // cgroup mount, so SysPaths.ReadOnly binds the whole view read-only again after the mounts.
            new() { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["nosuid", "noexec", "nodev", "relatime", "ro", "rro"] },
        ];

        // Like Docker, read-write: root inside may edit its own copy (the engine writes a file per sandbox).
        if (layout.HostsFile is { } hosts)
            mounts.Add(Bind(hosts, "/etc/hosts"));
        if (layout.HostnameFile is { } hostname)
            mounts.Add(Bind(hostname, "/etc/hostname"));
        // A VM node's agent socket (Vms/GuestAgent): read-only, so QEMU can connect to it but not put anything in its place.
        if (layout.AgentDirectory is { } agent)
            mounts.Add(new() { Destination = "/run/clab-agent", Type = "bind", Source = agent, Options = ["bind", "ro", "nosuid", "nodev", "noexec", "rprivate"] });
        // A VM node's own /dev/kvm under KVM (Vms/KvmDevice): a device, so not nodev, but nothing to execute.
        if (layout.KvmDevice is { } kvm)
            mounts.Add(new() { Destination = Vms.KvmDevice.Inside, Type = "bind", Source = kvm, Options = ["bind", "nosuid", "noexec", "rprivate"] });
        // The init (tini) after /dev: read-only, and nothing setuid or device-like can come through it.
        if (layout.InitBinary is { } init)
            mounts.Add(new() { Destination = SandboxRuntimeLayout.InitInside, Type = "bind", Source = init, Options = ["bind", "ro", "nosuid", "nodev", "rprivate"] });
        return mounts;
    }

    // rprivate: a mount or unmount under the source on the host never propagates into the sandbox.
    private static OciMount Bind(string source, string destination) =>
        new() { Destination = destination, Type = "bind", Source = source, Options = ["rbind", "rprivate"] };
}
