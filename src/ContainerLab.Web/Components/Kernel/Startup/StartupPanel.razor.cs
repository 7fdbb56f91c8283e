using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>The start-up steps of a sandbox (image resolved, layers mounted, runtime run...), fetched once: they do not change.</summary>
public sealed partial class StartupPanel
{
    private const double BarWidth = 140, Width = 560, RowHeight = 18;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private IReadOnlyList<StartupStepDto> _steps = [];
    private double _longest = 1;
    private string? _error;
    private string? _loadedSandbox;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;

    private string Total => _steps.Count == 0 ? "" : $"({Ms(_steps.Sum(s => s.Milliseconds))} in all)";

    protected override async Task OnParametersSetAsync()
    {
        // The parent re-renders with every inspection; only a different sandbox needs another request.
        if (SandboxId == _loadedSandbox)
            return;
        string sandboxId = _loadedSandbox = SandboxId;
        try
        {
            var steps = (await Host.GetAsync(sandboxId, CancellationToken.None)).Startup;
            if (sandboxId != _loadedSandbox)
                return; // another sandbox was chosen meanwhile
            _steps = steps;
            _longest = _steps.Count == 0 ? 1 : Math.Max(0.001, _steps.Max(s => s.Milliseconds));
            _error = null;
        }
        catch (Exception e) when (e is ContainerLabApiException or HttpRequestException)
        {
            if (sandboxId != _loadedSandbox)
                return;
            _steps = [];
            _error = "The start-up steps are not available.";
        }
    }

    private static string Ms(double milliseconds) => $"{milliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    private static string N(double value) => KernelSvg.Number(value);
}
