using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Network;

/// <summary>
/// Reads the session network of <see cref="SandboxId"/> from the host and draws <see cref="NetworkModel"/>. It reads
/// again when the node's inspection is new (<see cref="Generation"/>: a process ran, so `ip addr add` may have changed an
/// address) or the session's nodes change (<see cref="Peers"/>), not on the cgroup usage's redraw every second: each read spawns `nsenter … ip`
/// once per node on the daemon. At most once per <see cref="MinInterval"/>, one read at a time; a change that comes
/// sooner is read when the interval is over, so the last one is never lost. A node added is selected, which makes a
/// new panel that reads at once.
/// </summary>
public sealed partial class NetworkPanel : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly CancellationTokenSource _disposed = new();
    private string? _readFor;
    private DateTimeOffset _lastRead = DateTimeOffset.MinValue;
    private bool _reading, _again, _scheduled;
    private bool _asText;
    private NetworkInspectionDto? _network;
    private string? _error;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;

    /// <summary>The node's name, as the student knows it ("node1").</summary>
    [Parameter] public string Node { get; set; } = "the sandbox";

    /// <summary>How many times the node was inspected: a new inspection (a process ran, a file changed) may mean a new address.</summary>
    [Parameter] public int Generation { get; set; }

    /// <summary>The session's nodes by name ("node1,node2"): one added or removed changes the bridge.</summary>
    [Parameter] public string? Peers { get; set; }

    [Inject] private TimeProvider Time { get; set; } = default!;

    private NetworkModel? Model { get; set; }

    /// <summary>Only a structural change (a new inspection: a process ran, say `ip addr add`) or another node can change the network: a usage tick is let through to nothing (ParameterGate).</summary>
    protected override object? ParameterValue(string name) => name switch
    {
        nameof(SandboxId) => SandboxId,
        nameof(Host) => Host,
        nameof(Node) => Node,
        nameof(Generation) => Generation,
        nameof(Peers) => Peers,
        _ => null,
    };

    protected override void OnParametersSet()
    {
        bool otherSandbox = _readFor != SandboxId;
        if (otherSandbox)
        {
            _readFor = SandboxId;
            _network = null;
            Model = null;
            _error = null;
        }
        if (!otherSandbox && (_reading || Time.GetUtcNow() - _lastRead < MinInterval))
        {
            _again = true;
            if (!_reading)
                ScheduleAgain();
            return;
        }
        StartRead();
    }

    private void StartRead()
    {
        _again = false;
        _reading = true;
        _lastRead = Time.GetUtcNow();
        _ = ReadAsync(SandboxId, _disposed.Token);
    }

    /// <summary>Reads once more when <see cref="MinInterval"/> since the last read is over.</summary>
    private void ScheduleAgain()
    {
        if (_scheduled)
            return;
        _scheduled = true;
        var wait = MinInterval - (Time.GetUtcNow() - _lastRead);
        _ = ReadLaterAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _disposed.Token);
    }

    private async Task ReadLaterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, Time, cancellationToken);
            await InvokeAsync(() =>
            {
                _scheduled = false;
                if (!_reading && !cancellationToken.IsCancellationRequested)
                    StartRead();
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }

    private async Task ReadAsync(string sandboxId, CancellationToken cancellationToken)
    {
        NetworkInspectionDto? network = null;
        string? error = null;
        try
        {
            network = await Host.InspectNetworkAsync(sandboxId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            error = e switch
            {
                ContainerLabApiException api => api.Detail,
                HttpRequestException or IOException => "the sandbox daemon does not answer.",
                _ => $"the network inspection failed ({e.GetType().Name}).",
            };
        }
        if (cancellationToken.IsCancellationRequested)
            return;
        await InvokeAsync(() =>
        {
            _reading = false;
            if (_again)
                ScheduleAgain();
            if (sandboxId != SandboxId)
                return; // the panel follows another node now; its own read is under way or next
            if (network is not null)
            {
                _network = network;
                Model = NetworkModel.From(network, sandboxId);
            }
            _error = error;
            StateHasChanged();
        });
    }

    private string Reachability()
    {
        if (_network is null)
            return "";
        var wired = Model!.Rows.Where(r => r.Node is { Reaches.Count: > 0 }).Select(r => r.Node!.Name).ToList();
        if (_network.Members.Count == 1)
            return $"Only {_network.Members[0].Name} is on this network: a node you add joins the bridge and reaches it by address and by name.";
        return wired.Count < 2
            ? "No two nodes reach each other yet: each needs its eth0 and its bridge port up, with an address in the same subnet."
            : $"{string.Join(", ", wired)} reach each other by address and by name (each node's /etc/hosts lists them).";
    }

    private static string N(double value) => KernelSvg.Number(value);

    public void Dispose()
    {
        _disposed.Cancel();
        // Cancelled, not disposed: a read still in flight (a parameter set, a render) may ask for its Token after the
        // component went, and a disposed source throws there (it owns no timer, so there is nothing to free).
    }
}
