using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>
/// Draws <see cref="LayerTreeModel"/> for one layer of a sandbox as a tree (role tree/treeitem): one entry focusable at
/// a time (roving tabindex); what each key does is <see cref="LayerTreeModel.KeyAction"/>.
/// </summary>
public sealed partial class LayerTree : IAsyncDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, ElementReference> _items = new(StringComparer.Ordinal);
    private ElementReference _tree;
    private string? _treeWithKeys;
    private IJSObjectReference? _module;
    private string? _focusedPath;
    private string? _focusPending;
    private bool _busy;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;
    /// <summary>0 is the image's bottom layer; the number of image layers is the writable layer.</summary>
    [Parameter, EditorRequired] public int Layer { get; set; }
    /// <summary>"the writable layer", "layer 1: aaaaaaaaaaaa".</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    /// <summary>The element id, for the aria-controls of what opened it.</summary>
    [Parameter] public string? Id { get; set; }
    [Parameter] public EventCallback OnClose { get; set; }
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private LayerTreeModel Model { get; set; } = default!;

    protected override Task OnInitializedAsync()
    {
        // The sandbox and layer are fixed for this instance: the parent keys it by both.
        string sandboxId = SandboxId;
        int layer = Layer;
        Model = new LayerTreeModel((path, cancellationToken) => Host.ListLayerFilesAsync(sandboxId, layer, path, cancellationToken));
        return RunAsync(Model.LoadRootAsync);
    }

    /// <summary>The one entry reachable with Tab: the last one focused while it is visible, else the first.</summary>
    private string? FocusTarget(IReadOnlyList<LayerTreeNode> visible) =>
        _focusedPath is { } path && visible.Any(n => n.Path == path) ? path : visible.FirstOrDefault()?.Path;

    private Task ActivateAsync(LayerTreeNode node)
    {
        _focusedPath = node.Path;
        return ToggleAsync(node);
    }

    private Task ToggleAsync(LayerTreeNode node) => RunAsync(cancellationToken => Model.ToggleAsync(node, cancellationToken));

    private async Task RefreshAsync()
    {
        _busy = true;
        try
        {
            await RunAsync(Model.RefreshAsync);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task KeyDownAsync(KeyboardEventArgs e, LayerTreeNode node)
    {
        var (toggle, focus) = Model.KeyAction(node, e.Key);
        if (focus is not null)
            _focusedPath = _focusPending = focus.Path;
        if (toggle)
            await ToggleAsync(node);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            // The list appears once the root is loaded (and again if it was empty for a while): give each one the key handling.
            if (_tree.Id is { } treeId && treeId != _treeWithKeys)
            {
                _treeWithKeys = treeId;
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Kernel/Overlay/LayerTree.razor.js");
                await _module.InvokeVoidAsync("keepKeysInTree", _tree);
            }
            if (_focusPending is { } path && _items.TryGetValue(path, out var item))
            {
                _focusPending = null;
                await item.FocusAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (page closed): nothing is left to focus.
        }
    }

    /// <summary>Runs a load; disposing the component cancels it quietly.</summary>
    private async Task RunAsync(Func<CancellationToken, Task> load)
    {
        try
        {
            await load(_disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        // Cancelled, not disposed: a read still in flight (a parameter set, a render) may ask for its Token after the
        // component went, and a disposed source throws there (it owns no timer, so there is nothing to free).
        try
        {
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: the browser already dropped the module.
        }
    }
}
