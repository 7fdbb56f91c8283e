using System.Diagnostics;
using Microsoft.Playwright;

namespace ContainerLab.Bench.ClassroomBench;

/// <summary>What the instructor and the students do in their browsers, as the end-to-end tests do it.</summary>
internal sealed class Classroom(IBrowser browser, Uri web)
{
    public const string Lab = "01-container-is-a-process";
    private const string Step = "whose-kernel";
    private static readonly PageWaitForSelectorOptions Long = new() { Timeout = 60_000 };

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.NewContextAsync(new() { BaseURL = web.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
        return await context.NewPageAsync();
    }

    private static Task PromptAsync(IPage page) => page.WaitForFunctionAsync(
        "() => /#\\s*$/.test(document.querySelector('.terminal-view:not([hidden]) .xterm-rows')?.innerText ?? '')", null, new() { Timeout = 60_000 });

    /// <summary>Today's anonymous practice: the start page's Start, until the prompt.</summary>
    public async Task<IPage> AnonymousSessionAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("#start");
        await PromptAsync(page);
        return page;
    }

    public static async Task EndSessionAsync(IPage page)
    {
        await page.ClickAsync(".end-session button[type=submit]");
        await page.WaitForSelectorAsync("#start", Long);
        await page.Context.CloseAsync();
    }

    public async Task<IPage> FirstInstructorAsync(string dataDirectory)
    {
        string link = File.ReadAllText(Path.Combine(dataDirectory, "first-instructor-link")).Trim();
        var page = await NewPageAsync();
        await page.GotoAsync(link);
        await page.FillAsync("#username", "teacher");
        await page.FillAsync("#displayname", "Bench Teacher");
        await page.FillAsync("#password", "correct horse battery");
        await page.FillAsync("#confirm", "correct horse battery");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync(".account-status strong", Long);
        return page;
    }

    /// <summary>A class of lab 1; the instructor stays on its page (the live grid). Returns its join code.</summary>
    public static async Task<string> CreateClassAsync(IPage teacher)
    {
        await teacher.GotoAsync("/classes");
        await teacher.FillAsync("#name", "Bench class");
        await teacher.CheckAsync($"input[name=lab][value='{Lab}']");
        await teacher.ClickAsync("button:has-text('Create the class')");
        await teacher.WaitForSelectorAsync(".class-grid-empty", Long);
        return (await teacher.GetAttributeAsync(".join-code", "data-code"))!;
    }

    /// <summary>A student joins with the code, starts lab 1 and passes its reading step; the instructor's grid shows them.</summary>
    public async Task<IPage> JoinAndStartAsync(string code, string name, IPage teacher)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/join");
        await page.FillAsync("#code", code);
        await page.FillAsync("#displayname", name);
        await page.ClickAsync("button:has-text('Join')");
        await page.WaitForSelectorAsync($".lab-card[data-lab='{Lab}'] button.start", Long);
        await page.ClickAsync($".lab-card[data-lab='{Lab}'] button.start");
        await PromptAsync(page);
        await page.WaitForSelectorAsync(".workspace[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.ClickAsync(".lab-guide button.next-step");
        await page.WaitForSelectorAsync($".lab-step[data-step={Step}]", Long);
        await teacher.WaitForSelectorAsync($"tr[data-student='{name}']", Long);
        return page;
    }

    /// <summary>
    /// The student's Check number <paramref name="round"/>: milliseconds from the click to their own result, and to the
    /// instructor's grid cell (NaN without an instructor's page), both from the same click.
    /// </summary>
    public static async Task<(double Own, double Grid)> CheckAsync(IPage student, IPage? teacher, string name, int round)
    {
        var clock = Stopwatch.StartNew();
        await student.ClickAsync("button.check-step");
        var own = student.WaitForSelectorAsync($".check-results[data-checks='{round}']", Long).ContinueWith(_ => clock.Elapsed.TotalMilliseconds);
        var grid = teacher is null ? Task.FromResult(double.NaN)
            : teacher.WaitForSelectorAsync($"tr[data-student='{name}'] td[data-step='{Step}'][data-attempts='{round}']", Long)
                .ContinueWith(_ => clock.Elapsed.TotalMilliseconds);
        return (await own, await grid);
    }
}
