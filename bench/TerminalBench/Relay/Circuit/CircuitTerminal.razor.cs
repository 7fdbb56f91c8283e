using WebTerminalRelay = ContainerLab.Web.Terminals.TerminalRelay;
using System.Text;
using ContainerLab.Api.Client;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ContainerLab.Bench.TerminalRelay.Circuit;

/// <summary>
/// The circuit contender: the sandbox's attach stream carried over the Blazor Server circuit instead of a hub.
/// Output: IJSObjectReference.InvokeVoidAsync("write", base64) (or "writeBytes", byte[] when ?transfer=bytes), not
/// awaited one by one (that would cost a round trip per message); flow control by the same acks as the web
/// (<see cref="WebTerminalRelay"/>), sent back with DotNetObjectReference.invokeMethodAsync("Ack"). Input: "Input".
/// </summary>
public sealed partial class CircuitTerminal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private ElementReference _element;
    private DotNetObjectReference<CircuitTerminal>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _terminal;
    private WebTerminalRelay? _pump;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ContainerLabClient Daemon { get; set; } = default!;
    [SupplyParameterFromQuery(Name = "sandbox")] public string? Sandbox { get; set; }
    [SupplyParameterFromQuery(Name = "cols")] public int? Columns { get; set; }
    [SupplyParameterFromQuery(Name = "rows")] public int? Rows { get; set; }
    [SupplyParameterFromQuery(Name = "transfer")] public string? Transfer { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || Sandbox is null)
            return;
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "/circuit.js");
        _terminal = await _module.InvokeAsync<IJSObjectReference>("open", _element, _self, Columns ?? 80, Rows ?? 24);
        _pump = new WebTerminalRelay(await Daemon.AttachAsync(Sandbox, "init", replay: true, ContainerLab.Web.Terminals.FlowControl.WindowBytes, _stop.Token));
        _ = Task.Run(() => SendOutputAsync(_pump, _terminal, Transfer == "bytes", _stop.Token));
    }

    private static async Task SendOutputAsync(WebTerminalRelay pump, IJSObjectReference terminal, bool bytes, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in pump.ReadAsync(cancellationToken))
            {
                var call = bytes
                    ? terminal.InvokeVoidAsync("writeBytes", message)
                    : terminal.InvokeVoidAsync("write", Convert.ToBase64String(message));
                _ = call.AsTask().ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or JSDisconnectedException) { }
    }

    [JSInvokable]
    public Task Input(string data) =>
        _pump?.SendInputAsync(Encoding.UTF8.GetBytes(data), _stop.Token) ?? Task.CompletedTask;

    [JSInvokable]
    public Task Ack(long bytes) => _pump?.AcknowledgeAsync(bytes, _stop.Token) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pump is not null)
            await _pump.DisposeAsync();
        try
        {
            if (_terminal is not null)
                await _terminal.DisposeAsync();
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException) { }
        _self?.Dispose();
        _stop.Dispose();
    }
}
