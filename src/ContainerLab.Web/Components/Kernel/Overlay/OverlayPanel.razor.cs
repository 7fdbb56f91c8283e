using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>
/// Draws <see cref="OverlayModel"/>: a stack, writable layer on top with its changes. Each layer is a toggle button
/// (click, Enter or Space) that shows its files in a <see cref="LayerTree"/> below the stack.
/// </summary>
public sealed partial class OverlayPanel
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly Dictionary<int, ElementReference> _buttons = [];
    private int? _selected;
    private int? _focusPending;

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;
    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;

    private OverlayModel Model { get; set; } = default!;
    private string TreeId => $"layer-tree-{_id}";

    protected override void OnParametersSet() => Model = OverlayModel.From(Inspection);

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
}
