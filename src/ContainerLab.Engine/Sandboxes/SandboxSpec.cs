namespace ContainerLab.Engine.Sandboxes;

/// <summary>What a caller asks for: everything needed to create one sandbox. Validated by <see cref="SandboxSpecValidator"/>.</summary>
public sealed record SandboxSpec
{
    /// <summary>Image reference, e.g. "busybox" or "debian:latest".</summary>
    public required string Image { get; init; }

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
