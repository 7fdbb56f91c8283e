using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>
/// The start-up steps of a sandbox (image resolved, layers mounted, runtime run...), fetched once: they do not change.
/// A VM node's boot goes on after its start (QEMU, the guest's kernel, its init, its agent: Vms/BootTimeline in the
/// daemon), so for a VM the panel asks again every half second until the agent's step is there (two minutes at most).
/// </summary>
public sealed partial class StartupPanel : IDisposable
{
    private bool _onNetwork;
    private readonly CancellationTokenSource _stop = new();

    private const double BarWidth = 140, Width = 560, RowHeight = 18;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private IReadOnlyList<StartupStepDto> _steps = [];
    private double _longest = 1;
    private string? _error;
    private string? _loadedSandbox;
    private string? _accelerator, _acceleratorReason; // a VM node's, as the daemon says it

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;

    /// <summary>A VM node: its boot steps arrive after the start.</summary>
    [Parameter] public bool IsVm { get; set; }

    private string Total => _steps.Count == 0 ? "" : $"({Ms(_steps.Sum(s => s.Milliseconds))} in all)";

    /// <summary>The steps do not change: a parent's re-render (every usage tick) that names the same sandbox draws nothing new (ParameterGate).</summary>
    protected override object? ParameterValue(string name) => name switch
    {
        nameof(SandboxId) => SandboxId,
        nameof(Host) => Host,
        nameof(IsVm) => IsVm,
        _ => null,
    };

    protected override async Task OnParametersSetAsync()
    {
        // The parent re-renders with every inspection; only a different sandbox needs another request.
        if (SandboxId == _loadedSandbox)
            return;
        string sandboxId = _loadedSandbox = SandboxId;
        try
        {
            var sandbox = await Host.GetAsync(sandboxId, CancellationToken.None);
            if (sandboxId != _loadedSandbox)
                return; // another sandbox was chosen meanwhile
            _onNetwork = sandbox.Network == "session";
            (_accelerator, _acceleratorReason) = (sandbox.Accelerator, sandbox.AcceleratorReason);
            Show(sandbox.Startup);
            if (IsVm && !Booted)
                _ = FollowBootAsync(sandboxId);
        }
        catch (Exception e) when (e is ContainerLabApiException or HttpRequestException)
        {
            if (sandboxId != _loadedSandbox)
                return;
            _steps = [];
            _error = "The start-up steps are not available.";
        }
    }

    private bool Booted => VmBoot.IsDone(_steps, _onNetwork);

    private static bool IsBootStep(StartupStepDto step) => VmBoot.IsBootStep(step);

    private void Show(IReadOnlyList<StartupStepDto> steps)
    {
        _steps = steps;
        _longest = _steps.Count == 0 ? 1 : Math.Max(0.001, _steps.Max(s => s.Milliseconds));
        _error = null;
    }

    private async Task FollowBootAsync(string sandboxId)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        try
        {
            while (!Booted && sandboxId == _loadedSandbox && DateTime.UtcNow < until)
            {
                await Task.Delay(500, _stop.Token);
                var steps = (await Host.GetAsync(sandboxId, _stop.Token)).Startup;
                if (sandboxId != _loadedSandbox || steps.Count == _steps.Count)
                    continue;
                Show(steps);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ContainerLabApiException or HttpRequestException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static string Ms(double milliseconds) => $"{milliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    private static string N(double value) => KernelSvg.Number(value);
}
