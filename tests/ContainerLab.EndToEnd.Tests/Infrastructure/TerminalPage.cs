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
