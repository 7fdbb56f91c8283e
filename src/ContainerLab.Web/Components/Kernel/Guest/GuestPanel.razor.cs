using System.Globalization;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Guest;

/// <summary>
/// Follows a VM node's guest from inside: once its boot is over (<see cref="Booted"/>, which the kernel panels learn
/// from the daemon's boot timeline), runs <see cref="GuestView.Probe"/> through the daemon's exec, which for a VM node
/// goes to the guest's agent, every <see cref="Interval"/> while shown. A probe that fails keeps the last view and says
/// why.
/// </summary>
public sealed partial class GuestPanel : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private CancellationTokenSource? _following;
    private string? _followed;
    private GuestView? _view;
    private string? _error;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;
    [Parameter] public string Node { get; set; } = "the VM";

    /// <summary>The guest has booted and its agent answers; until then nothing is asked of it.</summary>
    [Parameter] public bool Booted { get; set; }
    [Inject] private TimeProvider Time { get; set; } = default!;

    /// <summary>It redraws itself from its own probes: the parent's usage ticks bring nothing new.</summary>
    protected override object? ParameterValue(string name) => name switch
    {
        nameof(SandboxId) => SandboxId,
        nameof(Host) => Host,
        nameof(Node) => Node,
        nameof(Booted) => Booted,
        _ => null,
    };

    protected override void OnParametersSet()
    {
        if (SandboxId != _followed)
        {
            _following?.Cancel();
            _following?.Dispose();
            _following = null;
            _followed = SandboxId;
            _view = null;
            _error = null;
        }
        if (Booted && _following is null)
        {
            _following = new CancellationTokenSource();
            _ = FollowAsync(SandboxId, _following.Token);
        }
    }

    private async Task FollowAsync(string sandboxId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await ProbeAsync(sandboxId, cancellationToken);
                await Task.Delay(Interval, Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is ContainerLabApiException or HttpRequestException)
        {
            await ShowAsync(() => _error = "The guest cannot be read: the node is gone or the daemon does not answer.");
        }
    }

    private async Task ProbeAsync(string sandboxId, CancellationToken cancellationToken)
    {
        string? error = null;
        GuestView? view = null;
        try
        {
            var request = new ExecRequest { Command = ["sh", "-c", GuestView.Probe] };
            var output = await Host.RunAsync(sandboxId, request, ProbeTimeout, 64 * 1024, cancellationToken);
            view = output.ExitCode == 0 ? GuestView.Parse(output.Stdout) : null;
            if (view is null)
                error = output.TimedOut ? "The guest's agent did not answer within 10 s; trying again." : "The guest's answer could not be read; trying again.";
        }
        catch (ContainerLabApiException e) when (e.Status is 409 or 503 or 504)
        {
            error = $"The guest's agent is not answering now ({e.Detail}); trying again.";
        }
        await ShowAsync(() =>
        {
            _error = error;
            if (view is not null)
                _view = view;
        });
    }

    private async Task ShowAsync(Action change)
    {
        change();
        try { await InvokeAsync(StateHasChanged); }
        catch (ObjectDisposedException) { }
    }

    private string Uptime => _view is null ? "" : _view.UptimeSeconds < 120
        ? string.Create(CultureInfo.InvariantCulture, $"{_view.UptimeSeconds:0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{_view.UptimeSeconds / 60:0} min");

    private static string Mib(long kib) => (kib / 1024).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _following?.Cancel();
        _following?.Dispose();
    }
}
