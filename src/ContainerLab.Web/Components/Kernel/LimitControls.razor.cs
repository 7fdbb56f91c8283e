using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>Inputs for memory, pids and CPU, filled from the cgroup as the kernel reports it, applied through the daemon.</summary>
public sealed partial class LimitControls
{
    private const long MiB = 1024 * 1024;
    private long? _memoryMib;
    private int? _pids;
    private double? _cpus;
    private bool _initialised, _busy;
    private string? _message;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;
    [Parameter, EditorRequired] public InspectedCgroupDto Current { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // Filled once from the kernel's values; later inspections must not overwrite what the student is typing.
        if (_initialised)
            return;
        _memoryMib = Current.MemoryLimitBytes / MiB;
        _pids = Current.PidsLimit is long pids ? (int)Math.Min(pids, int.MaxValue) : null;
        _cpus = Current.CpuLimitCores;
        _initialised = true;
    }

    private async Task ApplyAsync()
    {
        _busy = true;
        _message = null;
        try
        {
            var updated = await Host.UpdateLimitsAsync(SandboxId, new UpdateLimitsRequest
            {
                // In the unit the student typed, so that a refusal answers in MiB too.
                Memory = _memoryMib is long mib ? $"{mib}MiB" : null,
                Pids = _pids,
                Cpus = _cpus,
            }, CancellationToken.None);
            _message = $"Applied: {updated.Limits.MemoryBytes / MiB} MiB, {updated.Limits.Pids} pids, {updated.Limits.Cpus:0.##} CPU.";
        }
        catch (ContainerLabApiException e)
        {
            _message = $"Refused: {e.Detail}";
        }
        catch (HttpRequestException)
        {
            _message = "The sandbox host is not reachable right now.";
        }
        finally
        {
            _busy = false;
        }
    }
}
