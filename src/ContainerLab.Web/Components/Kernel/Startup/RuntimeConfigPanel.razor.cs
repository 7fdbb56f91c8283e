using ContainerLab.Api.Client;
using ContainerLab.Web.Sandboxes;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>Draws <see cref="RuntimeConfigModel"/> for one sandbox, fetched once: config.json does not change after create.</summary>
public sealed partial class RuntimeConfigPanel
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private readonly HashSet<int> _expanded = [];
    private string? _loadedSandbox;
    private RuntimeConfigModel? _model;
    private string? _error;
    private bool _changed = true;

    [Parameter, EditorRequired] public string SandboxId { get; set; } = "";
    [Parameter, EditorRequired] public ISandboxHost Host { get; set; } = default!;

    private string Size => KernelText.Bytes(System.Text.Encoding.UTF8.GetByteCount(_model?.Text ?? ""));

    protected override async Task OnParametersSetAsync()
    {
        // The parent re-renders with every inspection; only a different sandbox needs another request.
        if (SandboxId == _loadedSandbox)
            return;
        string sandboxId = _loadedSandbox = SandboxId;
        _model = null;
        _error = null;
        _expanded.Clear();
        _changed = true;
        RuntimeConfigModel? model = null;
        string? error = null;
        try
        {
            model = RuntimeConfigModel.Parse(await Host.GetRuntimeConfigAsync(sandboxId, CancellationToken.None));
        }
        catch (ContainerLabApiException e)
        {
            error = $"config.json is not available: {e.Detail}";
        }
        catch (HttpRequestException)
        {
            error = "config.json is not available: the sandbox daemon does not answer.";
        }
        if (sandboxId != _loadedSandbox)
            return; // another sandbox was chosen meanwhile; its own request fills the panel
        _model = model;
        _error = error;
        _changed = true;
    }

    /// <summary>Hundreds of lines: drawn again only when something here changed, not with every inspection of the parent.</summary>
    protected override bool ShouldRender() => _changed;

    protected override void OnAfterRender(bool firstRender) => _changed = false;

    private bool IsCollapsed(ConfigLine line) => !_expanded.Contains(line.Index);

    private void Toggle(ConfigLine line)
    {
        if (!_expanded.Remove(line.Index))
            _expanded.Add(line.Index);
        _changed = true;
    }

    private static string LineClass(ConfigLine line) => line.Annotation is null ? "config-line" : "config-line annotated";

    private static string Indent(int depth) => new(' ', depth * 2);

    private static string ToggleLabel(ConfigLine line, bool collapsed) =>
        $"{(collapsed ? "show" : "hide")} the {KernelText.Number(line.Count)} items of {line.Path}";
}
