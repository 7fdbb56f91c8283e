using ContainerLab.Engine.Namespaces;
using ContainerLab.Engine.Networking;
using ContainerLab.Engine.Runtime;
using ContainerLab.Engine.Snapshots;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>The engine's live view of one sandbox. Mutated only under <see cref="Lock"/>.</summary>
internal sealed class Sandbox
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required SandboxSpec Spec { get; init; }
    public required IdRange Ids { get; init; }
    public required string Directory { get; init; }
    public required string CgroupPath { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public SnapshotPaths Snapshot => new(Directory);
    public string HostsFile => Path.Combine(Directory, "hosts");
    public string HostnameFile => Path.Combine(Directory, "hostname");
    /// <summary>A VM node's: the directory of its agent's socket, bind-mounted into the QEMU sandbox.</summary>
    public string AgentDirectory => Path.Combine(Directory, "agent");
    /// <summary>A VM node's channel to its guest's agent (exec); null for a container.</summary>
    public Vms.GuestAgent? Agent { get; set; }
    /// <summary>A VM node on a session network: completes when its guest took the address (true) or could not.</summary>
    public Task<bool>? GuestAddressing { get; set; }
    /// <summary>A VM node whose guest took the node's address (its eth0 in the sandbox no longer has it).</summary>
    public bool GuestAddressed => GuestAddressing is { IsCompletedSuccessfully: true, Result: true };
    /// <summary>The /etc/hosts entries the engine last wrote into <see cref="HostsFile"/> (the rest is the student's).</summary>
    public IReadOnlyList<string> HostsEntries { get; set; } = [];
    /// <summary>The bundle's config.json: what the OCI runtime was given at create.</summary>
    public string ConfigFile => Path.Combine(Directory, "config.json");
    /// <summary>The resources last given to the runtime's `update --resources` (config.json keeps those of create).</summary>
    public string LimitsFile => Path.Combine(Directory, "limits.json");

    public SemaphoreSlim Lock { get; } = new(1, 1);
    public SandboxRuntimeLayout? Layout { get; set; }
    /// <summary>The image the sandbox was made from (its layers, for inspection).</summary>
    public Images.ImageRecord? Image => ImageLease?.Image;
    /// <summary>Keeps the image's layers in the store until the sandbox is removed, whatever happens to its name.</summary>
    public Images.ImageLease? ImageLease { get; set; }
    public SandboxProcess? Init { get; set; }
    public Dictionary<string, SandboxProcess> Processes { get; } = [];
    public NetworkAttachment? Network { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ExitedAt { get; set; }
    public IReadOnlyList<StartupStep> Startup { get; set; } = [];
    /// <summary>A VM node's boot, measured as it happens after the start (Vms/BootTimeline); shown after <see cref="Startup"/>.</summary>
    public IReadOnlyList<StartupStep> BootSteps { get; set; } = [];
    public int ExecCount { get; set; }
    public bool Removed { get; set; }
    /// <summary>The limits in force: the spec's at create, changed live by <see cref="SandboxService.UpdateLimitsAsync"/>.</summary>
    public SandboxLimits CurrentLimits { get => _currentLimits ?? Spec.Limits; set => _currentLimits = value; }
    private SandboxLimits? _currentLimits;

    public SandboxState State => Init is null || StartedAt is null
        ? SandboxState.Created
        : Init.Running ? SandboxState.Running : SandboxState.Exited;

    public SandboxInfo ToInfo(string runtime) => new()
    {
        Id = Id,
        Name = Name,
        Image = Spec.GuestImage ?? Spec.Image, // a VM node shows what it boots, not the image QEMU runs from
        State = State,
        ExitCode = State == SandboxState.Exited ? Init?.ExitCode : null,
        CreatedAt = CreatedAt,
        StartedAt = StartedAt,
        ExitedAt = ExitedAt,
        Pid = Init?.Handle.Pid,
        Ids = Ids,
        Spec = Spec with { Limits = CurrentLimits },
        Address = Network?.Address,
        Runtime = runtime,
        CgroupPath = CgroupPath,
        Processes = ProcessInfos(),
        Startup = [.. Startup, .. BootSteps],
    };

    private SandboxProcessInfo[] ProcessInfos()
    {
        lock (Processes)
            return [.. Processes.Values.Select(p => p.ToInfo())];
    }
}
