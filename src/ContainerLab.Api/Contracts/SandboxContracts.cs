namespace ContainerLab.Api.Contracts;

/// <summary>POST /v1/sandboxes. Unknown fields are refused, so a typo ("memroy") is an error, not a default.</summary>
public sealed record CreateSandboxRequest
{
    /// <summary>"container" (the default) or "vm".</summary>
    public string? Kind { get; init; }
    public required string Image { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public bool Tty { get; init; }
    public string? Name { get; init; }
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public LimitsDto? Limits { get; init; }
    /// <summary>"default" or "internals".</summary>
    public string? Profile { get; init; }
    /// <summary>"none" or "session".</summary>
    public string? Network { get; init; }
    public string? Session { get; init; }
    public TerminalSizeDto? TerminalSize { get; init; }
}

/// <summary>
/// Resource limits; null fields take the server's defaults. Sizes come either in bytes (<see cref="MemoryBytes"/>,
/// <see cref="DiskBytes"/>) or as written by a person (<see cref="Memory"/>, <see cref="Disk"/>: "512MiB", "64m",
/// "1g"), not both; a refusal then says its sizes in that unit. Answers carry bytes only.
/// </summary>
public sealed record LimitsDto
{
    public long? MemoryBytes { get; init; }
    /// <summary>The memory limit as a size with its unit, e.g. "512MiB" or "64m".</summary>
    public string? Memory { get; init; }
    public int? Pids { get; init; }
    /// <summary>CPU bandwidth in cores.</summary>
    public double? Cpus { get; init; }
    public long? DiskBytes { get; init; }
    /// <summary>The writable layer's size with its unit, e.g. "1GiB" or "128m".</summary>
    public string? Disk { get; init; }
    public long? DiskInodes { get; init; }
    public int? OpenFiles { get; init; }
}

/// <summary>PATCH /v1/sandboxes/{id}/limits: live changes to a running sandbox; null fields are left as they are.</summary>
public sealed record UpdateLimitsRequest
{
    public long? MemoryBytes { get; init; }
    /// <summary>Instead of <see cref="MemoryBytes"/>: a size with its unit ("4096MiB", "64m"); a refusal says sizes in it.</summary>
    public string? Memory { get; init; }
    public int? Pids { get; init; }
    public double? Cpus { get; init; }
}

public sealed record TerminalSizeDto(int Columns, int Rows);

public sealed record SandboxDto
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>"container" or "vm".</summary>
    public string Kind { get; init; } = "container";
    public required string Image { get; init; }
    /// <summary>"created", "running" or "exited".</summary>
    public required string State { get; init; }
    public int? ExitCode { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? ExitedAt { get; init; }
    public int? Pid { get; init; }
    public required string IdRange { get; init; }
    public required LimitsDto Limits { get; init; }
    public required string Profile { get; init; }
    public required string Network { get; init; }
    public string? Session { get; init; }
    public string? Address { get; init; }
    public required string Runtime { get; init; }
    public required string CgroupPath { get; init; }
    public required IReadOnlyList<ProcessDto> Processes { get; init; }
    public required IReadOnlyList<StartupStepDto> Startup { get; init; }
    /// <summary>A VM node's accelerator ("tcg": QEMU translates the guest's instructions in software) and why; null for a container.</summary>
    public string? Accelerator { get; init; }
    public string? AcceleratorReason { get; init; }
}

public sealed record ProcessDto(string Id, IReadOnlyList<string> Command, bool Tty, int? Pid, bool Running, int? ExitCode);

public sealed record StartupStepDto(string Name, double Milliseconds);

/// <summary>POST /v1/sandboxes/{id}/processes: run another process (a second terminal, a check script).</summary>
public sealed record ExecRequest
{
    /// <summary>
    /// The most <see cref="Stdin"/> may hold. A lab's scripts reach the node this way (they can be longer than one
    /// argument may be), so a lab's script files are limited to this too.
    /// </summary>
    public const int MaxStdinBytes = 1024 * 1024;

    public required IReadOnlyList<string> Command { get; init; }
    public bool Tty { get; init; }
    /// <summary>
    /// Bytes the process reads on its standard input, then end-of-file (base64 in JSON); only without a terminal, at
    /// most <see cref="MaxStdinBytes"/>. Without it, stdin is at end-of-file at once.
    /// </summary>
    public byte[]? Stdin { get; init; }
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public TerminalSizeDto? TerminalSize { get; init; }
}

public sealed record ExitDto(int? ExitCode);

/// <summary>
/// A student's node as the web starts it, and as `clabctl labs test` starts the same node, so that what the tester
/// checks is what a student gets: /bin/sh on a terminal, in /root (root's home, where a login puts a user), on the
/// session's network.
/// </summary>
public static class StudentNode
{
    public static CreateSandboxRequest Request(string image, string name, string? profile, string session, LimitsDto limits, string kind = "container") =>
        kind == "vm"
            ? new() // the guest's init gives the console a shell in /root; QEMU's sandbox is the daemon's to shape
            {
                Kind = kind,
                Image = image,
                Name = name,
                Network = "session",
                Session = session,
                TerminalSize = new TerminalSizeDto(80, 24),
                Limits = limits,
            }
            : new()
            {
                Image = image,
                Profile = profile,
                Command = ["/bin/sh"],
                Tty = true,
                Name = name,
                Network = "session",
                Session = session,
                WorkingDirectory = "/root",
                TerminalSize = new TerminalSizeDto(80, 24),
                Limits = limits,
            };
}
