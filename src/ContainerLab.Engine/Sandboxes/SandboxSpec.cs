namespace ContainerLab.Engine.Sandboxes;

/// <summary>What a caller asks for: everything needed to create one sandbox. Validated by <see cref="SandboxSpecValidator"/>.</summary>
public sealed record SandboxSpec
{
    /// <summary>A container (the default) or a VM: see <see cref="NodeKind"/>.</summary>
    public NodeKind Kind { get; init; } = NodeKind.Container;

    /// <summary>Image reference, e.g. "busybox" or "debian:latest".</summary>
    public required string Image { get; init; }

    /// <summary>A VM node's guest, as asked for ("busybox"); <see cref="Image"/> is then the runner's ("vm"). Null for a container.</summary>
    public string? GuestImage { get; init; }

    /// <summary>A VM node's accelerator and why it is that one (Vms/VmAccelerator). Null for a container.</summary>
    public Vms.VmAccelerator? Accelerator { get; init; }

    /// <summary>argv of the sandbox's first process (pid 1 inside). Empty means the image's default, else /bin/sh.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Give the first process a terminal (pty) instead of stdout/stderr pipes.</summary>
    public bool Tty { get; init; }

    /// <summary>Optional name, unique per daemon; also the hostname and, on a session network, the DNS name.</summary>
    public string? Name { get; init; }

    /// <summary>Where the first process starts; null: the image's WorkingDir (else /). Every exec without its own starts here too.</summary>
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public SandboxLimits Limits { get; init; } = SandboxLimits.Default;

    public PrivilegeProfile Profile { get; init; } = PrivilegeProfile.Default;

    public NetworkMode Network { get; init; } = NetworkMode.None;

    /// <summary>Session whose network the sandbox joins when <see cref="Network"/> is <see cref="NetworkMode.Session"/>.</summary>
    public string? Session { get; init; }

    /// <summary>Initial terminal size when <see cref="Tty"/> is set.</summary>
    public TerminalSize? TerminalSize { get; init; }
}

/// <summary>What a node is. Both kinds are sandboxes to the API: the same ids, lifecycle, limits and terminal.</summary>
public enum NodeKind
{
    /// <summary>The image's processes in namespaces, a cgroup and an overlay, on the host's kernel.</summary>
    Container,

    /// <summary>
    /// A guest kernel of its own: QEMU, itself confined in a container sandbox made from the "vm" image, boots the
    /// guest and its console is the node's terminal (see Vms/VmNode).
    /// </summary>
    Vm,
}

/// <summary>Columns and rows of a terminal.</summary>
public readonly record struct TerminalSize(ushort Columns, ushort Rows);

/// <summary>Which privileges the processes inside get.</summary>
public enum PrivilegeProfile
{
    /// <summary>Docker's default capabilities without CAP_SETFCAP, masked /proc and /sys, our seccomp profile.</summary>
    Default,

    /// <summary>
    /// For labs in which students create namespaces and mounts themselves: adds CAP_SETFCAP, allows
    /// unshare/setns/mount in seccomp, drops the /proc masks. Only ever with a user namespace.
    /// </summary>
    Internals,
}

public enum NetworkMode
{
    /// <summary>A network namespace with loopback only.</summary>
    None,

    /// <summary>Joined to the session's bridge: reaches the session's other sandboxes by name, nothing else.</summary>
    Session,
}
