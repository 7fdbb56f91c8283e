using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>
/// Inspects <see cref="SandboxId"/> once on mount, then every second, and draws the namespaces, processes, cgroup and
/// overlay panels from the latest answer. A failed inspection shows a short message and keeps the last diagrams.
/// </summary>
public sealed partial class KernelPanels : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private CancellationTokenSource? _polling;
    private string? _polledSandbox;
    private InspectionDto? _inspection;
    private string? _error;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (SandboxId == _polledSandbox)
            return;
        StopPolling();
        _polledSandbox = SandboxId;
        _inspection = null;
        _error = null;
        _polling = new CancellationTokenSource();
        _ = PollAsync(SandboxId, _polling.Token);
    }

    // Polling is a stopgap until the daemon has a change stream for inspections; then this becomes an
    // `await foreach` over SubscribeInspectionAsync like the rest of the live UI (STYLE.md, Web).
    private async Task PollAsync(string sandboxId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        try
        {
            do
            {
                await InspectOnceAsync(sandboxId, cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    private async Task InspectOnceAsync(string sandboxId, CancellationToken cancellationToken)
    {
        InspectionDto? inspection = null;
        string? error = null;
        try
        {
            inspection = await Host.InspectAsync(sandboxId, cancellationToken);
        }
        catch (ContainerLabApiException e)
        {
            error = e.Detail;
        }
        catch (HttpRequestException)
        {
            error = "the sandbox daemon does not answer.";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (an answer that does not parse, say) must not end the polling loop silently.
            error = $"the inspection failed ({e.GetType().Name}).";
        }
        cancellationToken.ThrowIfCancellationRequested();
        await InvokeAsync(() =>
        {
            if (inspection is not null)
                _inspection = inspection;
            _error = error;
            StateHasChanged();
        });
    }

    private void StopPolling()
    {
        // Cancel only: the loop may still be between awaits on this token; the source owns no timer to free.
        _polling?.Cancel();
        _polling = null;
    }

    public ValueTask DisposeAsync()
    {
        StopPolling();
        return ValueTask.CompletedTask;
    }
}
