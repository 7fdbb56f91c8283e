using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>
/// Draws <see cref="OverlayModel"/>: the plates, writable layer over the image's layers. Each layer is a toggle button
/// (click, Enter or Space) that shows its files in a <see cref="LayerTree"/> below the stack. Besides the inspection it
/// keeps what is cheap to know once: which lower layer holds a copied-up or whited-out file (image layers never change)
/// and how many sandboxes share the image (the daemon's list, read again at most every <see cref="ShareMaxAge"/>).
/// </summary>
public sealed partial class OverlayPanel : IDisposable
{
    public static readonly TimeSpan ShareMaxAge = TimeSpan.FromSeconds(15);

    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<int, ElementReference> _buttons = [];
    private readonly ChangeFreshness _freshness = new();
    private readonly CancellationTokenSource _disposed = new();
    private LowerOrigins? _origins;
    private ImageShare? _share;
    private DateTimeOffset? _shareReadAt;
    private IReadOnlySet<(string Path, string Kind)> _fresh = new HashSet<(string, string)>();
    private long? _freshKey;
    private int? _selected;
    private int? _focusPending;

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;
    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    /// <summary>Null draws from the inspection alone (no origins of copy-ups, no sharing count).</summary>
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;
    /// <summary>The node's name, as the writable plate is labelled ("node1").</summary>
    [Parameter] public string Node { get; set; } = "the sandbox";

    private OverlayModel Model { get; set; } = default!;
    private string TreeId => $"layer-tree-{_id}";

    /// <summary>A usage tick brings the same inspection with a new cgroup: nothing this panel draws (ParameterGate).</summary>
    protected override object? ParameterValue(string name) => name switch
    {
        nameof(Inspection) => Inspection,
        nameof(SandboxId) => SandboxId,
        nameof(Host) => Host,
        nameof(Node) => Node,
        _ => null,
    };

    protected override async Task OnParametersSetAsync()
    {
        var changes = Inspection.Filesystem.Changes.Select(c => (c.Path, c.Kind));
        _fresh = _freshness.Update(Inspection.TakenAt, changes);
        _freshKey = _freshness.LatestFresh?.UtcTicks;
        Build();
        if (Host is null)
            return;
        try
        {
            bool learned = await ReadShareAsync();
            learned |= await ResolveOriginsAsync();
            if (learned)
                Build();
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested) { }
        catch (Exception e) when (SandboxHostFailure.Is(e))
        {
            // The picture stands without them: "copied up from a lower layer", no sharing count.
        }
    }

    private void Build() => Model = OverlayModel.From(Inspection, new OverlayContext(Node, _share, _origins is { } o ? o.Of : null, _fresh));

    private async Task<bool> ReadShareAsync()
    {
        var at = Inspection.TakenAt;
        if (_shareReadAt is { } readAt && at - readAt < ShareMaxAge && at >= readAt)
            return false;
        _shareReadAt = at;
        var share = await ImageShare.ReadAsync(Host, SandboxId, _disposed.Token);
        bool changed = share != _share;
        _share = share;
        return changed;
    }

    private Task<bool> ResolveOriginsAsync()
    {
        string sandboxId = SandboxId;
        _origins ??= new LowerOrigins((layer, path, cancellationToken) => Host.ListLayerFilesAsync(sandboxId, layer, path, cancellationToken));
        var fs = Inspection.Filesystem;
        var pending = fs.Changes.Where(c => c.Kind is "modified" or "deleted").Select(c => c.Path);
        return fs.Layers.Count == 0 ? Task.FromResult(false) : _origins.ResolveAsync(pending, fs.Layers.Count, _disposed.Token);
    }

    private void Toggle(int layer) => _selected = _selected == layer ? null : layer;

    private void OnKeyDown(KeyboardEventArgs e, int layer)
    {
        if (e.Key is "Enter" or " ")
            Toggle(layer);
    }

    /// <summary>The tree's Close button: hide it and give focus back to the layer that opened it.</summary>
    private void Close()
    {
        _focusPending = _selected;
        _selected = null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusPending is int layer && _buttons.TryGetValue(layer, out var button))
        {
            _focusPending = null;
            await button.FocusAsync();
        }
    }

    private string Expanded(int layer) => _selected == layer ? "true" : "false";
    private string? Controls(int layer) => _selected == layer ? TreeId : null;
    private string? SelectedClass(int layer) => _selected == layer ? "selected" : null;
    private string Action(int layer) => _selected == layer ? "Hide its files." : "Show its files.";
    private string ActionMark(int layer) => _selected == layer ? "▾ files" : "▸ files";

    private static string N(double value) => KernelSvg.Number(value);

    public void Dispose()
    {
        _disposed.Cancel();
        // Cancelled, not disposed: a read still in flight (a parameter set, a render) may ask for its Token after the
        // component went, and a disposed source throws there (it owns no timer, so there is nothing to free).
    }
}
