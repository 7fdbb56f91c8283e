using ContainerLab.Engine.Namespaces;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>A snapshot of one sandbox, as the API shows it.</summary>
public sealed record SandboxInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required SandboxState State { get; init; }
    public int? ExitCode { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? ExitedAt { get; init; }
    /// <summary>Host pid of the sandbox's first process (pid 1 inside).</summary>
    public int? Pid { get; init; }
    public required IdRange Ids { get; init; }
    public required SandboxSpec Spec { get; init; }
    public string? Address { get; init; }
    public required string Runtime { get; init; }
    public required string CgroupPath { get; init; }
    public required IReadOnlyList<SandboxProcessInfo> Processes { get; init; }
    /// <summary>Steps taken to create and start the sandbox, with their durations.</summary>
    public required IReadOnlyList<StartupStep> Startup { get; init; }
}

/// <summary>One process the engine tracks in a sandbox: "init" or an exec.</summary>
public sealed record SandboxProcessInfo(string Id, IReadOnlyList<string> Command, bool Tty, int? Pid, bool Running, int? ExitCode);

/// <summary>One step of creating a sandbox (image resolved, layers mounted, runtime create, ...) and how long it took.</summary>
public sealed record StartupStep(string Name, double Milliseconds);
