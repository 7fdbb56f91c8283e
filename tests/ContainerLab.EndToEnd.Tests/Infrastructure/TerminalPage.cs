using System.Diagnostics;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests.Infrastructure;

/// <summary>What a student does on the page: start, type into the visible terminal, read its screen.</summary>
public static class TerminalPage
{
    public const string Visible = ".terminal-view:not([hidden])";

    /// <summary>Presses Start and waits for a shell prompt; returns how long that took.</summary>
    public static async Task<TimeSpan> StartAsync(this IPage page)
    {
        await page.GotoAsync("/");
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("#start");
        await page.WaitForPromptAsync();
        return clock.Elapsed;
    }

    public static async Task WaitForPromptAsync(this IPage page, int timeoutMs = 20_000)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined", null, new() { Timeout = timeoutMs });
        await page.WaitForFunctionAsync($"() => /#\\s*$/.test(document.querySelector('{Visible} .xterm-rows')?.innerText ?? '')",
            null, new() { Timeout = timeoutMs });
    }

    /// <summary>
    /// On a narrow screen the workspace shows one part at a time: brings <paramref name="pane"/> (side, terminal, kernel)
    /// to the front with its tab, as a student would. On a wide screen every part is shown and nothing is clicked.
    /// </summary>
    public static async Task ShowPaneAsync(this IPage page, string pane)
    {
        var tab = page.Locator($".pane-tabs [data-pane-target={pane}]");
        if (await tab.IsVisibleAsync() && await tab.GetAttributeAsync("aria-selected") != "true")
            await tab.ClickAsync();
    }

    /// <summary>
    /// Waits for the page at <paramref name="path"/> to show <paramref name="selector"/>. Not WaitForURL's default load
    /// state, which twice waited its 30 s out in CI after the home page had arrived (a probe of six ends saw load within
    /// 0.7 s): the address is taken at commit, the page by its content.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, string path, string selector)
    {
        try
        {
            // Polled on the page's URL, not on a navigation event: one that committed while this began was missed by
            // WaitForURLAsync in CI runs (the page was at the path, the wait timed out).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (new Uri(page.Url).AbsolutePath != path)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"not at {path} within 30 s");
                await Task.Delay(50);
            }
        }
        catch (TimeoutException e)
        {
            // ServerLimitTests' wait for /full timed out in two CI runs, at load state and at commit, never here: say
            // where the page was instead.
            string main = await page.EvaluateAsync<string>("() => document.querySelector('main')?.innerText?.slice(0, 400) ?? '(no main)'");
            throw new TimeoutException($"waited for {path}; the page is at {page.Url} and shows: {main}", e);
        }
        await page.WaitForSelectorAsync(selector);
    }

    /// <summary>After ending a session: the home page is there with its Start button.</summary>
    public static Task WaitForHomeAsync(this IPage page) => page.WaitForPageAsync("/", "#start");

    /// <summary>
    /// Holds the circuit's negotiate back until the returned source is set: the page runs as it does before its circuit
    /// has come (TerminalView.razor.js, Workspace.razor.js).
    /// </summary>
    public static async Task<TaskCompletionSource> HoldCircuitAsync(this IPage page)
    {
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_blazor/negotiate**", async route => { await release.Task; await route.ContinueAsync(); });
        return release;
    }

    /// <summary>Waits until the circuit answers the workspace's controls (the terminal works before it: TerminalView.razor.js).</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.WaitForSelectorAsync(".workspace[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    public static async Task TypeAsync(this IPage page, string text)
    {
        await page.ShowPaneAsync("terminal");
        await page.ClickAsync(Visible);
        await page.Keyboard.TypeAsync(text);
    }

    public static Task<string> ScreenAsync(this IPage page) => page.InnerTextAsync($"{Visible} .xterm-rows");

    /// <summary>Waits until the visible terminal's screen contains <paramref name="text"/>.</summary>
    public static Task WaitForScreenAsync(this IPage page, string text, int timeoutMs = 10_000) =>
        page.WaitForFunctionAsync($"t => document.querySelector('{Visible} .xterm-rows')?.innerText.includes(t)", text,
            new() { Timeout = timeoutMs });

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, name + ".png") });
}
