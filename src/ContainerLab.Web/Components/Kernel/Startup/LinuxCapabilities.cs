namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>Every capability of full root on Linux 6.x (man 7 capabilities), with what it allows in a few words.</summary>
public static class LinuxCapabilities
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CAP_CHOWN"] = "change the owner of any file",
        ["CAP_DAC_OVERRIDE"] = "bypass file read, write and execute permission checks",
        ["CAP_DAC_READ_SEARCH"] = "bypass read and search permission checks and open files by handle",
        ["CAP_FOWNER"] = "act as the owner of any file (chmod, utimes, ...)",
        ["CAP_FSETID"] = "keep the setuid and setgid bits when changing a file",
        ["CAP_KILL"] = "send signals to any process",
        ["CAP_SETGID"] = "change group ids",
        ["CAP_SETUID"] = "change user ids",
        ["CAP_SETPCAP"] = "change capability sets (drop from the bounding set)",
        ["CAP_LINUX_IMMUTABLE"] = "set the immutable and append-only file flags",
        ["CAP_NET_BIND_SERVICE"] = "bind ports below 1024",
        ["CAP_NET_BROADCAST"] = "broadcast and listen to multicast",
        ["CAP_NET_ADMIN"] = "configure interfaces, routes and firewall rules",
        ["CAP_NET_RAW"] = "open raw and packet sockets (ping)",
        ["CAP_IPC_LOCK"] = "lock memory (mlock)",
        ["CAP_IPC_OWNER"] = "bypass System V IPC permission checks",
        ["CAP_SYS_MODULE"] = "load and unload kernel modules",
        ["CAP_SYS_RAWIO"] = "raw I/O ports and /dev/mem",
        ["CAP_SYS_CHROOT"] = "chroot",
        ["CAP_SYS_PTRACE"] = "trace and read the memory of any process",
        ["CAP_SYS_PACCT"] = "switch process accounting on and off",
        ["CAP_SYS_ADMIN"] = "mount filesystems, and a great many other administrative operations",
        ["CAP_SYS_BOOT"] = "reboot and load a new kernel",
        ["CAP_SYS_NICE"] = "raise priorities and change other processes' scheduling",
        ["CAP_SYS_RESOURCE"] = "override resource limits and quotas",
        ["CAP_SYS_TIME"] = "set the system clock",
        ["CAP_SYS_TTY_CONFIG"] = "configure terminals (vhangup)",
        ["CAP_MKNOD"] = "create device nodes",
        ["CAP_LEASE"] = "take leases on any file",
        ["CAP_AUDIT_WRITE"] = "write records to the kernel's audit log",
        ["CAP_AUDIT_CONTROL"] = "configure kernel auditing",
        ["CAP_SETFCAP"] = "set file capabilities, and map root into a child user namespace",
        ["CAP_MAC_OVERRIDE"] = "override mandatory access control (AppArmor, SELinux)",
        ["CAP_MAC_ADMIN"] = "configure mandatory access control",
        ["CAP_SYSLOG"] = "read and clear the kernel log",
        ["CAP_WAKE_ALARM"] = "set alarms that wake the system",
        ["CAP_BLOCK_SUSPEND"] = "keep the system from suspending",
        ["CAP_AUDIT_READ"] = "read the audit log",
        ["CAP_PERFMON"] = "monitor performance (perf_event_open)",
        ["CAP_BPF"] = "load BPF programs and maps",
        ["CAP_CHECKPOINT_RESTORE"] = "checkpoint and restore processes (choose pids)",
    };

    /// <summary>The ones whose absence matters most, in the order an annotation names them (the first few with their meaning).</summary>
    public static IReadOnlyList<string> Notable { get; } =
    [
        "CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_SYS_MODULE", "CAP_SYS_PTRACE", "CAP_SYS_TIME",
        "CAP_SYS_BOOT", "CAP_SYS_RAWIO", "CAP_DAC_READ_SEARCH", "CAP_BPF",
    ];

    /// <summary>"CAP_NET_RAW: open raw and packet sockets (ping)", or the name alone for one this table does not know.</summary>
    public static string Describe(string name) =>
        All.TryGetValue(name, out var meaning) ? $"{name}: {meaning}" : name;
}
