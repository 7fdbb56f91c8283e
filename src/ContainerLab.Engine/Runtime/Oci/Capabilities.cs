using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// The capabilities of root inside a sandbox. They are capabilities in the sandbox's own user
/// namespace, so they act only on objects that namespace owns; the bounding set still matters because
/// the kernel checks many operations against the init namespace's view of them.
/// </summary>
public static class Capabilities
{
    /// <summary>
    /// Docker's default set minus CAP_SETFCAP. Not granted, on purpose: CAP_SYS_ADMIN (mount, most of
    /// the kernel's "everything else"), CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_PTRACE, CAP_SYS_TIME,
    /// CAP_SYS_BOOT, CAP_NET_ADMIN, CAP_SYS_NICE, CAP_SYS_RESOURCE, CAP_MAC_*, CAP_BPF, CAP_PERFMON.
    /// </summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "CAP_CHOWN",
        "CAP_DAC_OVERRIDE",
        "CAP_FSETID",
        "CAP_FOWNER",
        "CAP_MKNOD",
        // busybox ping opens only raw ICMP sockets, so net.ipv4.ping_group_range (which allows datagram ICMP) does not help it.
        "CAP_NET_RAW",
        "CAP_SETGID",
        "CAP_SETUID",
        "CAP_SETPCAP",
        "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT",
        "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ];

    /// <summary>
    /// Default plus CAP_SETFCAP: since Linux 5.12 writing "0 &lt;uid&gt; 1" to a child user namespace's
    /// uid_map (mapping its root onto our uid 0) requires CAP_SETFCAP in the parent namespace
    /// (kernel/user_namespace.c verify_root_map), which `unshare -Ur` does.
    /// </summary>
    public static IReadOnlyList<string> Internals { get; } = [.. Default, "CAP_SETFCAP"];

    public static IReadOnlyList<string> For(PrivilegeProfile profile) => profile switch
    {
        PrivilegeProfile.Default => Default,
        PrivilegeProfile.Internals => Internals,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unknown privilege profile"),
    };

    /// <summary>
    /// Bounding, effective and permitted get the set; inheritable and ambient stay empty so an exec'd
    /// file without file capabilities keeps only what root's uid 0 gives it, and nothing survives a
    /// switch to a non-root user (the "ambient leak" runc's docs warn about).
    /// </summary>
    public static OciCapabilities Sets(PrivilegeProfile profile)
    {
        var caps = For(profile);
        return new OciCapabilities { Bounding = caps, Effective = caps, Permitted = caps, Inheritable = [], Ambient = [] };
    }
}
