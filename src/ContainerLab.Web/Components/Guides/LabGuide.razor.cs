using ContainerLab.Web.Catalogue;
using ContainerLab.Web.LabRuns;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ContainerLab.Web.Components.Guides;

/// <summary>
/// Draws a <see cref="LabRun"/> and forwards the student's clicks to it. Runnable code blocks, copy buttons and panel
/// pointers inside the step's text are handled in the browser (LabGuide.razor.js): they need no server round trip.
/// Background checks run every <see cref="BackgroundInterval"/> while the open step asks for them.
/// </summary>
public sealed partial class LabGuide : IAsyncDisposable
{
    public static readonly TimeSpan BackgroundInterval = TimeSpan.FromSeconds(3);

    private readonly HashSet<int> _chosen = [];
    private readonly CancellationTokenSource _stop = new();
    private IJSObjectReference? _module;
    private string _html = "";
    private string? _solution;
    private string? _htmlOf;

    [Parameter, EditorRequired] public LabRun Run { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override void OnParametersSet() => RefreshText();

    protected override void OnInitialized() => _ = BackgroundAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Guides/LabGuide.razor.js");
            await _module.InvokeVoidAsync("attach"); // App.razor attached it already when the page came with the guide
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException) { }
    }

    private void RefreshText()
    {
        if (_htmlOf == Run.Current.Id)
            return;
        _htmlOf = Run.Current.Id;
        _chosen.Clear();
        _solution = null;
        try
        {
            _html = Run.Html(Run.Current);
        }
        catch (IOException e)
        {
            _html = $"<p class=\"lab-message\">This step's text cannot be read: {System.Net.WebUtility.HtmlEncode(e.Message)}</p>";
        }
    }

    private async Task SelectAsync(string step)
    {
        await Run.SelectAsync(step, _stop.Token);
        RefreshText();
    }

    /// <summary>Checks the student asked for on this page, shown on the results (a new result is told from the last one by it).</summary>
    private int _checksAsked;

    private async Task CheckAsync()
    {
        await Run.CheckAsync(quiet: false, _stop.Token);
        _checksAsked++;
    }

    private async Task ContinueAsync()
    {
        await Run.ContinueAsync(_stop.Token);
        RefreshText();
    }

    private void Choose(int answer, bool multiple, bool on)
    {
        if (!multiple)
            _chosen.Clear();
        if (on || !multiple)
            _chosen.Add(answer);
        else
            _chosen.Remove(answer);
    }

    /// <summary>The solution is read only when the student opens it.</summary>
    private void ToggleSolution()
    {
        try
        {
            _solution ??= Run.Solution(Run.Current);
        }
        catch (IOException e)
        {
            _solution = $"(the solution cannot be read: {e.Message})";
        }
    }

    private Task AnswerAsync() => Run.AnswerAsync([.. _chosen], _stop.Token);

    private string StepClass(ContainerLab.Labs.Format.LabStep step) =>
        $"{(Run.IsPassed(step) ? "passed" : Run.IsUnlocked(step) ? "open" : "locked")}{(step == Run.Current ? " current" : "")}";

    private async Task BackgroundAsync()
    {
        using var timer = new PeriodicTimer(BackgroundInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!Run.Current.Background || Run.IsPassed() || Run.Busy)
                    continue;
                await Run.CheckAsync(quiet: true, _stop.Token);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_module is not null)
        {
            try { await _module.DisposeAsync(); }
            catch (JSDisconnectedException) { }
        }
        _stop.Dispose();
    }

    /// <summary>
    /// "Right: " or "Not quite: " before an answer's explanation, unless the author already began with a verdict ("No:
    /// there is one kernel", "Yes. A pid namespace..."): "Not quite: No: ..." said it twice.
    /// </summary>
    internal static string Verdict(bool correct, string explanation) =>
        AuthorsVerdict().IsMatch(explanation) ? "" : correct ? "Right: " : "Not quite: ";

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(yes|no|right|correct|wrong|incorrect|exactly|not quite|true|false)\b[\s.,:;!—-]",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AuthorsVerdict();
}
