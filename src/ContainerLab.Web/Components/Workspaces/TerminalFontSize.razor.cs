using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ContainerLab.Web.Components.Workspaces;

/// <summary>
/// A- / A+ beside the terminals: the font size of every terminal of the page, remembered by the browser
/// (localStorage). The size lives in the terminal module (TerminalView.razor.js), which applies it to each xterm.
/// </summary>
public sealed partial class TerminalFontSize
{
    private IJSObjectReference? _module;
    private int? _size;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Workspaces/TerminalView.razor.js");
            _size = await _module.InvokeAsync<int>("fontSize");
        }
        catch (JSDisconnectedException)
        {
            return; // the page was closed or reloaded while the circuit started
        }
        StateHasChanged();
    }

    private async Task ChangeAsync(int step)
    {
        if (_module is not null)
            _size = await _module.InvokeAsync<int>("changeFontSize", step);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (page closed): nothing to release in the browser.
        }
    }
}
