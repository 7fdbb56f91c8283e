namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// Masked and read-only paths under /sys, in every profile. sysfs shows the sandbox's own network namespace
/// under /sys/class/net, but the rest is the host's.
/// </summary>
public static class SysPaths
{
    /// <summary>Overmounted with /dev/null (files) or an empty read-only tmpfs (directories).</summary>
    public static IReadOnlyList<string> Masked { get; } =
    [
        "/sys/firmware",                 // ACPI tables, EFI variables (Docker)
        "/sys/devices/virtual/powercap", // RAPL energy counters: the PLATYPUS side channel (Docker)
        // Not in Docker's list: the physical address of the kernel's crash-dump note (a KASLR hint)
        // and the x86 boot protocol data the bootloader handed the host kernel.
        "/sys/kernel/vmcoreinfo",
        "/sys/kernel/boot_params",
    ];

    /// <summary>
    /// The cgroup view. On cgroup v1 the runtime mounts a tmpfs at /sys/fs/cgroup (crun 1 MiB, runc unsized),
    /// owned by the sandbox's root and writable, and the controllers read-only under it: a
    /// `mkdir /sys/fs/cgroup/x` would succeed and make nothing real. runc 1.1 binds a read-only path
    /// recursively and remounts the top read-only, so the tmpfs refuses with EROFS like the controllers.
    /// crun 1.8 makes the copies of the controllers read-write in the same bind (measured), which is why the
    /// mount itself also carries "rro" (DefaultMounts): crun then copies read-only mounts. On v2 the cgroup2
    /// mount is read-only already; binding it again changes nothing.
    /// </summary>
    public static IReadOnlyList<string> ReadOnly { get; } =
    [
        "/sys/fs/cgroup",
    ];
}
