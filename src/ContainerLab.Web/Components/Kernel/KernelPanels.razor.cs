using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;
using ContainerLab.Web.Components.Kernel.Cgroups;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>
/// Follows <see cref="SandboxId"/>: reads its full inspection once, then subscribes to its change stream. A change of
/// processes, namespaces, files or state reads the inspection again; usage, OOM kills and limits come with the event
/// and go straight into the cgroup panel and its history. If the stream breaks (daemon restarted, network), a short
/// message shows over the last diagrams and the panels follow again after <see cref="RetryDelay"/>.
/// </summary>
public sealed partial class KernelPanels : IAsyncDisposable
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan OomFlash = TimeSpan.FromSeconds(5);

    private CancellationTokenSource? _following;
    private string? _followedSandbox;
    private InspectionDto? _inspection;
    private int _generation; // inspections read, for the panels that follow only structural changes
    private CgroupHistory _history = new();
    private string? _error;
    private bool _booted; // a VM node's guest has booted (its agent answers): the guest panel may ask it

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;

    /// <summary>The node's name, as the pictures label its side ("node1").</summary>
    [Parameter] public string Node { get; set; } = "the sandbox";

    /// <summary>A VM node: the panels show the host's side of it (QEMU in its sandbox), and say so.</summary>
    [Parameter] public bool IsVm { get; set; }

    /// <summary>The session's nodes by name, for the network panel (a node added or removed changes the bridge).</summary>
    [Parameter] public string? Peers { get; set; }
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (SandboxId == _followedSandbox)
            return;
        StopFollowing();
        _followedSandbox = SandboxId;
        _inspection = null;
        _history = new CgroupHistory();
        _error = null;
        _booted = false;
        _following = new CancellationTokenSource();
        _ = FollowAsync(SandboxId, _following.Token);
        if (IsVm)
            _ = ReadAgainAfterBootAsync(SandboxId, _following.Token);
    }

    /// <summary>
    /// A VM's guest takes the node's address once it has booted, inside QEMU, where the change stream (host processes,
    /// mounts, the cgroup) sees nothing happen: read the inspection again when the daemon's boot timeline says the guest
    /// is done (its last step), so the network picture shows the address, and let the guest panel start asking the
    /// guest. Two minutes at most.
    /// </summary>
    private async Task ReadAgainAfterBootAsync(string sandboxId, CancellationToken cancellationToken)
    {
        try
        {
            for (var until = Time.GetUtcNow() + TimeSpan.FromMinutes(2); Time.GetUtcNow() < until; )
            {
                if (Startup.VmBoot.IsDone(await Host.GetAsync(sandboxId, cancellationToken)))
                {
                    await ShowAsync(() => _booted = true);
                    await InspectOnceAsync(sandboxId, cancellationToken);
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), Time, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ContainerLabApiException or HttpRequestException) { }
    }

    private async Task FollowAsync(string sandboxId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (await InspectOnceAsync(sandboxId, cancellationToken) && await ApplyChangesAsync(sandboxId, cancellationToken))
                    return; // the sandbox is gone: nothing more will change
                await Task.Delay(RetryDelay, Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    /// <summary>Applies the change stream until it ends; true when it ended because the sandbox was removed.</summary>
    private async Task<bool> ApplyChangesAsync(string sandboxId, CancellationToken cancellationToken)
    {
        string error;
        try
        {
            await foreach (var change in Host.SubscribeChangesAsync(sandboxId, cancellationToken))
            {
                if (change.Type == SandboxEventTypes.Ended)
                {
                    await ShowAsync(() => _error = "the sandbox was removed.");
                    return true;
                }
                // The inspection read after a change already holds every change up to that moment: one read per tick.
                if (IsStructural(change.Type) && (_inspection is null || change.At > _inspection.TakenAt))
                    await InspectOnceAsync(sandboxId, cancellationToken);
                if (change.Cgroup is { } cgroup)
                    await ShowAsync(() => ApplyCgroup(change.At, cgroup));
            }
            error = "the change stream ended; following again.";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = Describe(e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        await ShowAsync(() => _error = error);
        return false;
    }

    private static bool IsStructural(string type) =>
        type is SandboxEventTypes.Processes or SandboxEventTypes.Namespaces or SandboxEventTypes.Files or SandboxEventTypes.State;

    private void ApplyCgroup(DateTimeOffset at, InspectedCgroupDto cgroup)
    {
        _history.Add(at, cgroup);
        if (_inspection is not null && at >= _inspection.TakenAt)
            _inspection = _inspection with { Cgroup = cgroup };
    }

    /// <summary>Reads the whole inspection; true when it was read.</summary>
    private async Task<bool> InspectOnceAsync(string sandboxId, CancellationToken cancellationToken)
    {
        InspectionDto? inspection = null;
        string? error = null;
        try
        {
            inspection = await Host.InspectAsync(sandboxId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = Describe(e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        await ShowAsync(() =>
        {
            if (inspection is not null)
            {
                _inspection = inspection;
                _generation++;
            }
            _error = error;
        });
        return inspection is not null;
    }

    private static string Describe(Exception e) => e switch
    {
        ContainerLabApiException api => api.Detail,
        HttpRequestException or IOException => "the sandbox daemon does not answer.",
        // Anything else (an answer that does not parse, say) must not end the following silently.
        _ => $"the inspection failed ({e.GetType().Name}).",
    };

    /// <summary>Changes the shown state on the renderer's context, then redraws.</summary>
    private Task ShowAsync(Action change) => InvokeAsync(() =>
    {
        change();
        StateHasChanged();
    });

    private void StopFollowing()
    {
        // Cancel only: the loop may still be between awaits on this token.
        _following?.Cancel();
        _following = null;
    }

    public ValueTask DisposeAsync()
    {
        StopFollowing();
        return ValueTask.CompletedTask;
    }
}
