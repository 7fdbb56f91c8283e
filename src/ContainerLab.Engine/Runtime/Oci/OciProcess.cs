namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// "process" of config.json, and on its own the process.json given to `runc exec --process` /
/// `crun exec --process` for a command run inside an existing sandbox.
/// </summary>
public sealed record OciProcess
{
    public bool Terminal { get; init; }
    public OciConsoleSize? ConsoleSize { get; init; }
    public required OciUser User { get; init; }
    public required IReadOnlyList<string> Args { get; init; }
    public IReadOnlyList<string> Env { get; init; } = [];
    public required string Cwd { get; init; }
    public OciCapabilities? Capabilities { get; init; }
    public IReadOnlyList<OciRlimit>? Rlimits { get; init; }
    public bool NoNewPrivileges { get; init; }
}

/// <summary>Initial size of the pty when <see cref="OciProcess.Terminal"/> is set.</summary>
public sealed record OciConsoleSize
{
    public required uint Height { get; init; }
    public required uint Width { get; init; }
}

/// <summary>Ids inside the container's user namespace.</summary>
public sealed record OciUser
{
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public IReadOnlyList<uint>? AdditionalGids { get; init; }
}

/// <summary>Capability sets by name ("CAP_CHOWN"). A missing set is empty.</summary>
public sealed record OciCapabilities
{
    public IReadOnlyList<string> Bounding { get; init; } = [];
    public IReadOnlyList<string> Effective { get; init; } = [];
    public IReadOnlyList<string> Inheritable { get; init; } = [];
    public IReadOnlyList<string> Permitted { get; init; } = [];
    public IReadOnlyList<string> Ambient { get; init; } = [];
}

/// <summary>One setrlimit(2) applied before exec, e.g. RLIMIT_NOFILE.</summary>
public sealed record OciRlimit
{
    public required string Type { get; init; }
    public required ulong Hard { get; init; }
    public required ulong Soft { get; init; }
}
