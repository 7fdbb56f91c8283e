using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// Docker's masked and read-only paths under /proc, plus the host's boot command line. procfs is not fully
/// namespaced: these files show or change host-wide state.
/// </summary>
public static class ProcPaths
{
    /// <summary>Overmounted with /dev/null (files) or an empty read-only tmpfs (directories).</summary>
    public static IReadOnlyList<string> Masked { get; } =
    [
        "/proc/asound",
        "/proc/acpi",
        "/proc/kcore",          // host physical memory as an ELF core
        "/proc/keys",           // keyrings are not namespaced
        "/proc/latency_stats",
        "/proc/timer_list",     // host timers and the pids/comms that armed them
        "/proc/timer_stats",
        "/proc/sched_debug",    // every host task
        "/proc/scsi",           // writable scsi add/remove on older kernels
        // Not in Docker's list: the host kernel's boot parameters (the server's own setup, sometimes
        // tokens or root= details handed to an init). A sandbox's processes never need them.
        "/proc/cmdline",
    ];

    /// <summary>Bind-mounted read-only over themselves.</summary>
    public static IReadOnlyList<string> ReadOnly { get; } =
    [
        "/proc/bus",
        "/proc/fs",
        "/proc/irq",
        "/proc/sys",            // most sysctls are host-wide (kernel.*, vm.*)
        "/proc/sysrq-trigger",  // one write reboots or crashes the host
    ];

    /// <summary>
    /// Internals gets none: mounting a new procfs (`unshare -p --mount-proc`) is refused with EPERM when
    /// any path in the visible /proc is overmounted (fs/namespace.c mnt_already_visible), because the new
    /// instance would reveal what the mask hid. Acceptable only because Internals always runs in its
    /// own user namespace, where /proc/sys and friends are not writable for host-wide settings anyway.
    /// The /sys masks (<see cref="SysPaths"/>) stay in every profile.
    /// </summary>
    public static IReadOnlyList<string> MaskedFor(PrivilegeProfile profile) =>
        profile == PrivilegeProfile.Default ? Masked : [];

    public static IReadOnlyList<string> ReadOnlyFor(PrivilegeProfile profile) =>
        profile == PrivilegeProfile.Default ? ReadOnly : [];
}
