using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Sandboxes;

/// <summary>The local containerlabd, through its typed client on the unix socket.</summary>
public sealed class DaemonSandboxHost(ContainerLabClient client) : ISandboxHost
{
    public Task<IReadOnlyList<SandboxDto>> ListAsync(CancellationToken cancellationToken) =>
        client.ListSandboxesAsync(cancellationToken);

    public Task<IReadOnlyList<ImageDto>> ListImagesAsync(CancellationToken cancellationToken) =>
        client.ListImagesAsync(cancellationToken);

    public Task<Traced<SandboxDto>> CreateNodeAsync(CreateSandboxRequest request, CancellationToken cancellationToken) =>
        client.CreateSandboxTracedAsync(request, start: true, cancellationToken);

    public Task RemoveAsync(string sandboxId, CancellationToken cancellationToken) =>
        client.RemoveSandboxAsync(sandboxId, force: true, cancellationToken);

    public Task<Traced<SandboxDto>> UpdateLimitsAsync(string sandboxId, UpdateLimitsRequest request, CancellationToken cancellationToken) =>
        client.UpdateLimitsTracedAsync(sandboxId, request, cancellationToken);

    public async Task<LimitBoundsDto?> GetLimitBoundsAsync(CancellationToken cancellationToken) =>
        (await GetInfoAsync(cancellationToken)).Limits;

    public Task<HostInfoDto> GetInfoAsync(CancellationToken cancellationToken) => client.GetInfoAsync(cancellationToken);

    public Task<SandboxDto> GetAsync(string sandboxId, CancellationToken cancellationToken) =>
        client.GetSandboxAsync(sandboxId, cancellationToken);

    public Task<ProcessDto> OpenTerminalAsync(string sandboxId, TerminalSizeDto size, CancellationToken cancellationToken) =>
        client.ExecAsync(sandboxId, new ExecRequest { Command = ["/bin/sh"], Tty = true, TerminalSize = size }, cancellationToken);

    public Task ResizeAsync(string sandboxId, string process, TerminalSizeDto size, CancellationToken cancellationToken) =>
        client.ResizeAsync(sandboxId, process, size, cancellationToken);

    public Task<ProcessAttachment> AttachAsync(string sandboxId, string process, CancellationToken cancellationToken) =>
        client.AttachAsync(sandboxId, process, replay: true, Terminals.FlowControl.WindowBytes, cancellationToken);

    public Task<InspectionDto> InspectAsync(string sandboxId, CancellationToken cancellationToken) =>
        client.InspectAsync(sandboxId, cancellationToken);

    public Task<NetworkInspectionDto> InspectNetworkAsync(string sandboxId, CancellationToken cancellationToken) =>
        client.InspectNetworkAsync(sandboxId, cancellationToken);

    public IAsyncEnumerable<SandboxEventDto> SubscribeChangesAsync(string sandboxId, CancellationToken cancellationToken) =>
        client.WatchAsync(sandboxId, cancellationToken);

    public Task<ProcessOutput> RunAsync(string sandboxId, ExecRequest request, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken) =>
        client.ExecToEndAsync(sandboxId, request, timeout, maxOutputBytes, cancellationToken);
    public Task<string> GetRuntimeConfigAsync(string sandboxId, CancellationToken cancellationToken) =>
        client.GetRuntimeConfigAsync(sandboxId, cancellationToken);
    public Task<LayerDirectoryDto> ListLayerFilesAsync(string sandboxId, int layer, string path, CancellationToken cancellationToken) =>
        client.ListLayerFilesAsync(sandboxId, layer, path, cancellationToken);
}
