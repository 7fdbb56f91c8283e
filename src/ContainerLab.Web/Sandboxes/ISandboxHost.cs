using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Sandboxes;

/// <summary>
/// What the web needs from a sandbox host. Implemented over containerlabd's API (<see cref="DaemonSandboxHost"/>);
/// faked in component tests. A second host is a second implementation behind the same interface.
/// </summary>
public interface ISandboxHost
{
    Task<IReadOnlyList<SandboxDto>> ListAsync(CancellationToken cancellationToken);
    /// <summary>The images the host has now (a lab whose images are missing cannot start).</summary>
    Task<IReadOnlyList<ImageDto>> ListImagesAsync(CancellationToken cancellationToken);
    /// <summary>Creates and starts a node; with how long it took in the client and inside the daemon (the chain picture).</summary>
    Task<Traced<SandboxDto>> CreateNodeAsync(CreateSandboxRequest request, CancellationToken cancellationToken);
    Task RemoveAsync(string sandboxId, CancellationToken cancellationToken);
    /// <summary>Changes a running sandbox's limits live (the daemon checks them against the server's bounds).</summary>
    Task<Traced<SandboxDto>> UpdateLimitsAsync(string sandboxId, UpdateLimitsRequest request, CancellationToken cancellationToken);
    /// <summary>The host's floor and per-node and per-session ceilings; null when it does not say (an older daemon).</summary>
    Task<LimitBoundsDto?> GetLimitBoundsAsync(CancellationToken cancellationToken);

    /// <summary>The daemon's own view of its host: its sandboxes, limits and the machine's load (GET /v1/info).</summary>
    Task<HostInfoDto> GetInfoAsync(CancellationToken cancellationToken);
    Task<SandboxDto> GetAsync(string sandboxId, CancellationToken cancellationToken);
    Task<ProcessDto> OpenTerminalAsync(string sandboxId, TerminalSizeDto size, CancellationToken cancellationToken);
    Task ResizeAsync(string sandboxId, string process, TerminalSizeDto size, CancellationToken cancellationToken);
    /// <summary>A terminal's output with the replay and the window of <see cref="Terminals.FlowControl"/>: acknowledge what is shown.</summary>
    Task<ProcessAttachment> AttachAsync(string sandboxId, string process, CancellationToken cancellationToken);

    /// <summary>The sandbox's kernel objects now: processes, namespaces, cgroup, overlay (the diagrams beside the terminal).</summary>
    Task<InspectionDto> InspectAsync(string sandboxId, CancellationToken cancellationToken);

    /// <summary>The session network the sandbox is on, from the kernel: the bridge, its ports and every member's eth0.</summary>
    Task<NetworkInspectionDto> InspectNetworkAsync(string sandboxId, CancellationToken cancellationToken);

    /// <summary>
    /// What changes in the sandbox, pushed by the host: processes, namespaces, files, OOM kills, limits, and the cgroup's
    /// usage every second. Ends after an "ended" event; throws like the other calls when the host cannot be reached.
    /// </summary>
    IAsyncEnumerable<SandboxEventDto> SubscribeChangesAsync(string sandboxId, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a process without a terminal to its end, killed past <paramref name="timeout"/>, and returns what it printed,
    /// at most <paramref name="maxOutputBytes"/> per stream (lab checks and setups; the Labs library sets both bounds).
    /// </summary>
    Task<ProcessOutput> RunAsync(string sandboxId, ExecRequest request, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken);
    /// <summary>The OCI config.json the runtime was given for the sandbox (JSON text); it does not change after create.</summary>
    Task<string> GetRuntimeConfigAsync(string sandboxId, CancellationToken cancellationToken);
    /// <summary>One directory of one layer (0 = the image's bottom layer, the number of image layers = the writable layer).</summary>
    Task<LayerDirectoryDto> ListLayerFilesAsync(string sandboxId, int layer, string path, CancellationToken cancellationToken);
}
