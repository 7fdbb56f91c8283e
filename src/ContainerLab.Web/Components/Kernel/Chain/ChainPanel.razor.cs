using ContainerLab.Web.Components.Kernel;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ContainerLab.Web.Components.Kernel.Chain;

/// <summary>
/// Draws <see cref="ChainLog.Last"/> as <see cref="ChainModel"/> and redraws when the log changes. The browser's part
/// is measured in the page (ChainPanel.razor.js: the click on an element marked <c>data-chain-request</c> until the
/// trace's answer is drawn) and reported back through <see cref="BrowserMeasured"/>.
/// </summary>
public sealed partial class ChainPanel : IAsyncDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private ChainModel _model = new(null);
    private bool _asText;
    private ElementReference _element;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ChainPanel>? _self;

    [Inject] private ChainLog Log { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private string? KindName => _model.Trace?.Kind switch
    {
        ChainRequestKind.Limits => "limits",
        ChainRequestKind.NodeStart => "node",
        _ => null,
    };

    private string Summary => _model.Trace is { } trace
        ? $"{trace.Request}: {ChainTrace.Ms(trace.TotalMs)} {(trace.BrowserMs is null ? "in the web" : "from click to answer")}"
        : "";

    private string Why => _model.Trace is null
        ? "Change a limit or add a node: each hop lights with the time it took."
        : "Each box shows its own time: its total less the hop below. The kernel's part is tiny; starting a process for the runtime is not.";

    protected override void OnInitialized()
    {
        _model = new ChainModel(Log.Last);
        Log.Changed += OnChanged;
    }

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        _model = new ChainModel(Log.Last);
        StateHasChanged();
    });

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        try
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Kernel/Chain/ChainPanel.razor.js");
            await _module.InvokeVoidAsync("measureBrowser", _element, _self);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (page closed): nothing to measure.
        }
    }

    /// <summary>The page's measurement of trace <paramref name="id"/>: click to answer drawn, in ms of the browser's clock.</summary>
    [JSInvokable]
    public void BrowserMeasured(long id, double milliseconds) => Log.ReportBrowser(id, milliseconds);

    private static string Time(double? milliseconds) => milliseconds is null ? "—" : ChainTrace.Ms(milliseconds);

    private static string N(double value) => KernelSvg.Number(value);

    public async ValueTask DisposeAsync()
    {
        Log.Changed -= OnChanged;
        try
        {
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: the browser already dropped the module.
        }
        _self?.Dispose();
    }
}
