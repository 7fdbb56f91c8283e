namespace ContainerLab.Engine.Runtime.Seccomp;

/// <summary>
/// Syscalls refused outright with EPERM. Most would fail anyway without the capability the kernel
/// checks in the init user namespace; refusing them in seccomp too keeps the kernel code behind them
/// unreachable, which is what matters when that code has a bug.
/// </summary>
public static class DeniedSyscalls
{
    /// <summary>Refused in every profile, Internals included.</summary>
    public static IReadOnlyList<string> Always { get; } =
    [
        // Keyrings are not namespaced (security/keys): keys are looked up by a host-wide serial and
        // charged to the host uid, so a sandbox could probe others' keys or exhaust the quota.
        "keyctl", "add_key", "request_key",
        // eBPF programs and perf events: large verifier/PMU attack surface and kernel address leaks.
        "bpf", "perf_event_open",
        // Loading another kernel or kernel modules.
        "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
        "create_module", "get_kernel_syms", "query_module",
        // x86 port I/O and the vm86 mode of 32-bit processes: direct hardware access.
        "iopl", "ioperm", "vm86", "vm86old",
        // Host-wide state: swap devices, reboot, process accounting, disk quotas.
        "swapon", "swapoff", "reboot", "acct", "quotactl", "quotactl_fd",
        // The clock is not namespaced (time namespaces only offset monotonic/boottime): setting it
        // changes the host's time; adjtimex also reads the host's NTP state.
        "settimeofday", "clock_settime", "clock_settime64", "clock_adjtime", "clock_adjtime64", "adjtimex", "stime",
        // open_by_handle_at opens any inode of a filesystem by its handle, escaping the mount's root
        // (the 2014 "shocker" breakout); name_to_handle_at produces those handles.
        "open_by_handle_at", "name_to_handle_at",
        // userfaultfd lets a process stall the kernel mid-copy_from_user: the standard tool to widen
        // race windows in exploits (vm.unprivileged_userfaultfd is 0 on most hosts for that reason).
        "userfaultfd",
        // io_uring performs syscalls from kernel workers that seccomp never sees, and has had a long
        // run of privilege-escalation bugs.
        "io_uring_setup", "io_uring_enter", "io_uring_register",
        // The host's kernel log (addresses, other tenants' messages).
        "syslog",
        // Obsolete interfaces nobody in a sandbox needs: oprofile's dcookies, the removed NFS server
        // control, a.out library loading, the removed binary sysctl.
        "lookup_dcookie", "nfsservctl", "uselib", "_sysctl",
    ];

    /// <summary>
    /// Refused in <see cref="Sandboxes.PrivilegeProfile.Default"/> only: creating or joining namespaces
    /// and changing mounts. A new user namespace gives its creator every capability inside it, and with
    /// those the kernel's mount, netfilter and filesystem code: most container escapes of recent years
    /// started there. Internals allows them because its labs are about exactly that.
    /// clone with CLONE_NEW* flags and clone3 are handled by argument rules (<see cref="ArgumentRules"/>).
    /// </summary>
    public static IReadOnlyList<string> DefaultOnly { get; } =
    [
        "unshare", "setns",
        "mount", "umount", "umount2", "pivot_root",
        // The new mount API (Linux 5.2+) and mount_setattr (5.12+, idmapped mounts, propagation).
        "fsopen", "fsconfig", "fsmount", "fspick", "open_tree", "move_mount", "mount_setattr",
    ];
}
