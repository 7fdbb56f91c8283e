using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ContainerLab.Web.Components.Workspaces;

/// <summary>
/// One xterm.js terminal. Its bytes do not pass through the Blazor circuit: the collocated JS module streams them
/// over the terminal hub (TerminalHub), with acknowledgements for flow control. This component only mounts it.
/// </summary>
public sealed partial class TerminalView
{
    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _terminal;
    private bool _wasVisible;

    [Parameter, EditorRequired] public string Node { get; set; } = "";
    [Parameter, EditorRequired] public string Terminal { get; set; } = "";
    [Parameter] public bool Visible { get; set; }
    /// <summary>Set for an instructor's view of a student's terminal (the hub's Watch) instead of the session's own.</summary>
    [Parameter] public WatchTarget? Watch { get; set; }
    /// <summary>With <see cref="Watch"/>: the student accepted help, the instructor's keys go through.</summary>
    [Parameter] public bool Typing { get; set; }
    private bool _typing;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (firstRender)
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Workspaces/TerminalView.razor.js");
                _terminal = Watch is { } watch
                    ? await _module.InvokeAsync<IJSObjectReference>("watch", _element, watch.ClassId, watch.Learner, Node, Terminal, watch.Columns, watch.Rows)
                    : await _module.InvokeAsync<IJSObjectReference>("open", _element, Node, Terminal);
            }
            if (Watch is not null && Typing != _typing && _terminal is not null)
            {
                await _terminal.InvokeVoidAsync("setTyping", Typing);
                _typing = Typing;
            }
            if (Visible && !_wasVisible && _terminal is not null)
                await _terminal.InvokeVoidAsync("show", !firstRender); // on the page's first render, only if the focus is free
            _wasVisible = Visible;
        }
        catch (JSDisconnectedException)
        {
            // The page was closed or reloaded while the circuit started (the terminal itself opens before the circuit,
            // so a quick reload lands here): not an error, and nothing is left to show.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_terminal is not null)
            {
                await _terminal.InvokeVoidAsync("dispose");
                await _terminal.DisposeAsync();
            }
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (page closed): the browser already dropped the terminal.
        }
    }
}

/// <summary>Whose terminal an instructor watches: a student of their class, and the size of the student's terminal.</summary>
public sealed record WatchTarget(int ClassId, string Learner, int Columns, int Rows);
