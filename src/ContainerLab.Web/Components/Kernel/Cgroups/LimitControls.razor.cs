using System.Globalization;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel.Chain;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>
/// Sliders and inputs for memory, pids and CPU, filled from the cgroup as the kernel reports it, bounded by this
/// node's share of the server's ceilings (<see cref="NodeShare"/>), applied through the daemon.
/// </summary>
public sealed partial class LimitControls
{
    private long? _memoryMib;
    private long? _pids;
    private double? _cpus;
    private bool _initialised, _busy;
    private string? _message;
    private LimitKind? _refusedKind;
    private LimitValues _mine = LimitValues.Zero;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;
    [Parameter, EditorRequired] public InspectedCgroupDto Current { get; set; } = default!;
    [Inject] private EffectiveLimitsCache Limits { get; set; } = default!;
    [Inject] private SandboxHostErrors Errors { get; set; } = default!;
    [Inject] private ChainLog Chain { get; set; } = default!;

    /// <summary>The node's name, as the student knows it ("node1").</summary>
    [Parameter] public string Node { get; set; } = "the sandbox";

    /// <summary>This node's bounds now; null until read (or while the host cannot be reached: the daemon still checks).</summary>
    private NodeShare? Share { get; set; }

    /// <summary>The controls take the kernel's values once (Current): a usage tick brings nothing they draw (ParameterGate).</summary>
    protected override object? ParameterValue(string name) => name switch
    {
        nameof(SandboxId) => SandboxId,
        nameof(Host) => Host,
        nameof(Node) => Node,
        _ => null,
    };

    protected override IReadOnlyCollection<string> Ignored => [nameof(Current)];

    protected override void OnParametersSet()
    {
        // Filled once from the kernel's values; later inspections must not overwrite what the student is typing.
        if (_initialised)
            return;
        _memoryMib = Current.MemoryLimitBytes / LimitValues.MiB;
        _pids = Current.PidsLimit;
        _cpus = Current.CpuLimitCores;
        _initialised = true;
    }

    protected override Task OnInitializedAsync() => ReadShareAsync();

    /// <summary>The server's ceilings and what the session's other running nodes hold (a sandbox in no session is a session of its own).</summary>
    private async Task ReadShareAsync()
    {
        try
        {
            var limits = await Limits.GetAsync(CancellationToken.None);
            var sandboxes = await Host.ListAsync(CancellationToken.None);
            var me = sandboxes.FirstOrDefault(s => s.Id == SandboxId);
            _mine = LimitValues.From(me?.Limits, LimitValues.Zero);
            Share = NodeShare.Of(limits, me?.Session is not { } session ? [] : sandboxes
                .Where(s => s.Session == session && s.Id != SandboxId && s.State != "exited")
                .Select(s => LimitValues.From(s.Limits, LimitValues.Zero)));
        }
        catch (Exception e) when (SandboxHostFailure.Is(e))
        {
            Errors.Report($"read the limits of sandbox {SandboxId}", e);
            Share = null;
        }
    }

    private async Task ApplyAsync()
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        _message = null;
        _refusedKind = null;
        if (Share is { } share && FirstRefusal(share) is { } refusal)
        {
            (_refusedKind, _message) = (refusal.Kind, $"Refused: {refusal.Reason}.");
            return;
        }
        _busy = true;
        try
        {
            var (updated, timing) = await Host.UpdateLimitsAsync(SandboxId, new UpdateLimitsRequest
            {
                // In the unit the student typed, so that a refusal answers in MiB too.
                Memory = _memoryMib is long mib ? $"{mib}MiB" : null,
                Pids = _pids is long pids ? (int)Math.Min(pids, int.MaxValue) : null,
                Cpus = _cpus,
            }, CancellationToken.None);
            Chain.Record(ChainRequestKind.Limits, $"limits of {Node}", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, timing);
            _message = $"Applied: {updated.Limits.MemoryBytes / LimitValues.MiB} MiB, {updated.Limits.Pids} pids, {updated.Limits.Cpus:0.##} CPU.";
            await ReadShareAsync();
        }
        catch (Exception e) when (SandboxHostFailure.Is(e))
        {
            var failure = Errors.Report($"change the limits of sandbox {SandboxId}", e, studentInput: true);
            // The daemon names the limit first ("memory 600 MiB is above ..."): shown beside that control.
            _refusedKind = failure.HostAnswered ? LimitKind.All.FirstOrDefault(k => failure.Reason.StartsWith(k.Name + " ", StringComparison.Ordinal)) : null;
            _message = failure.HostAnswered ? $"Refused: {failure.Reason}" : "The sandbox host is not reachable right now.";
        }
        finally
        {
            _busy = false;
        }
    }

    private (LimitKind Kind, string Reason)? FirstRefusal(NodeShare share)
    {
        foreach (var (kind, value) in new (LimitKind, double?)[] { (LimitKind.Memory, _memoryMib * (double)LimitValues.MiB), (LimitKind.Pids, _pids), (LimitKind.Cpus, _cpus) })
        {
            if (value is double requested && share.Refusal(kind, requested) is { } reason)
                return (kind, reason);
        }
        return null;
    }

    private string Id(string part) => $"{SandboxId}-{part}";

    private string? Describe(LimitKind kind) => Share?.Describe(kind, _mine);

    private string? Invalid(LimitKind kind) => _refusedKind == kind ? "true" : null;

    /// <summary>A bound in the control's unit (MiB for memory), or null (no attribute) when there is none.</summary>
    private static string? Bound(LimitKind kind, double? value)
    {
        if (value is not double bound || !double.IsFinite(bound) || bound >= long.MaxValue)
            return null;
        return kind == LimitKind.Memory
            ? Math.Floor(bound / LimitValues.MiB).ToString(CultureInfo.InvariantCulture)
            : bound.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
