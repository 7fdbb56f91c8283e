using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ContainerLab.Web.Components.Catalogue;

/// <summary>The "this ends your session" dialog of the catalogue (see /session/start, which asks for it).</summary>
public sealed partial class ConfirmStart : IAsyncDisposable
{
    private ElementReference _dialog;
    private IJSObjectReference? _module;

    [Parameter, EditorRequired] public string LabId { get; set; } = "";
    [Parameter, EditorRequired] public string LabTitle { get; set; } = "";
    /// <summary>The title of the lab the current session runs, or null for a free session.</summary>
    [Parameter] public string? CurrentLab { get; set; }
    [Parameter, EditorRequired] public string[] Nodes { get; set; } = [];
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Catalogue/ConfirmStart.razor.js");
            await _module.InvokeVoidAsync("showModal", _dialog);
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException) { } // the tab went away first

    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException) { } // the page is gone (closed or reloaded): nothing to release
    }
}
