using System.Globalization;
using System.Text.Json;
using ContainerLab.Web.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ContainerLab.Web.Components.Workspaces;

/// <summary>Nodes in use and the session's deadline, on the student's clock (their browser's time zone).</summary>
public sealed partial class LimitsBanner
{
    private TimeZoneInfo? _zone;
    private IJSObjectReference? _module;

    [Parameter] public int Nodes { get; set; }
    [Parameter] public int MaxNodes { get; set; }
    [Parameter, EditorRequired] public SessionDeadline Deadline { get; set; } = default!;
    [Parameter] public DateTimeOffset Now { get; set; }
    [Parameter] public bool Warning { get; set; }
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        JsonElement zone;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Workspaces/LimitsBanner.razor.js");
            zone = await _module.InvokeAsync<JsonElement>("timeZone");
        }
        catch (JSDisconnectedException)
        {
            return; // the page was closed or reloaded while the circuit started: nobody to show the time to
        }
        _zone = BrowserTimeZone.From(
            zone.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            zone.TryGetProperty("offsetMinutes", out var offset) && offset.TryGetInt32(out int minutes) ? minutes : 0);
        StateHasChanged();
    }

    private string EndsAtIn(TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(Deadline.EndsAt, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private string Remaining
    {
        get
        {
            var left = Deadline.EndsAt - Now;
            return left <= TimeSpan.Zero ? "a moment" : left.TotalMinutes >= 1 ? $"{Math.Ceiling(left.TotalMinutes):0} min" : $"{left.Seconds} s";
        }
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
