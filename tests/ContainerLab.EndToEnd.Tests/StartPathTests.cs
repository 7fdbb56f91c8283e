using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A web of its own, so that its start (and its page warm-up) belongs to this class.</summary>
public sealed class FreshWebLab : LabFixture;

/// <summary>What the first student after a start waits for (docs/PERFORMANCE.md, "Start -> prompt: the first start").</summary>
public sealed class StartPathTests(FreshWebLab lab) : IClassFixture<FreshWebLab>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_web_warms_its_pages_at_start_and_leaves_no_sandbox_behind()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!lab.Web.Log().Contains("Pages warmed up through", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.Contains("Pages warmed up through", lab.Web.Log());
        Assert.DoesNotContain("Could not warm the pages up", lab.Web.Log());
        using var daemon = lab.Daemon.Client();
        Assert.Empty(await daemon.ListSandboxesAsync());
    }

    /// <summary>
    /// Before, xterm.js and the hub's connection were loaded only after the circuit's first render (the module was imported
    /// by TerminalView.OnAfterRenderAsync), so the circuit's negotiate always came first.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_lab_page_loads_the_terminal_and_connects_the_hub_without_waiting_for_the_circuit()
    {
        var page = await lab.NewStudentAsync();
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) requests.Add(new Uri(request.Url).AbsolutePath); };
        await page.StartAsync();

        List<string> seen;
        lock (requests) seen = [.. requests];
        int terminalModule = seen.FindIndex(p => p.StartsWith("/Components/Workspaces/TerminalView.", StringComparison.Ordinal) && p.EndsWith(".razor.js", StringComparison.Ordinal));
        int hubNegotiate = seen.FindIndex(p => p.StartsWith("/hubs/terminal/negotiate", StringComparison.Ordinal));
        int circuitNegotiate = seen.FindIndex(p => p.StartsWith("/_blazor/negotiate", StringComparison.Ordinal));
        Assert.True(terminalModule >= 0 && hubNegotiate >= 0 && circuitNegotiate >= 0, string.Join('\n', seen));
        Assert.True(terminalModule < circuitNegotiate, "TerminalView's module was requested after the circuit's negotiate:\n" + string.Join('\n', seen));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The prompt no longer waits for the circuit: the lab page opens the prerendered visible terminal itself, and the
    /// circuit's TerminalView adopts it. Here the circuit is held back until the student has typed into the terminal;
    /// before, the terminal did not exist until the circuit's first render, so no prompt came.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_prompt_shows_and_takes_input_before_the_circuit_starts_and_the_circuit_adopts_the_same_terminal()
    {
        var page = await lab.NewStudentAsync();
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_blazor/negotiate**", async route => { await release.Task; await route.ContinueAsync(); });
        await page.GotoAsync("/");
        await page.ClickAsync("#start");
        await page.WaitForFunctionAsync($"() => /#\\s*$/.test(document.querySelector('{TerminalPage.Visible} .xterm-rows')?.innerText ?? '')");
        await page.Keyboard.TypeAsync("echo before-circuit-$((6*7))\n"); // the early terminal has the focus
        await page.WaitForScreenAsync("before-circuit-42");
        Assert.False(await page.EvaluateAsync<bool>("() => document.querySelector('.workspace')?.dataset.interactive === 'true'"));
        // Its buttons cannot be answered yet, and look it: a click is not swallowed silently.
        const string addNode = "() => getComputedStyle(document.querySelector('.workspace button.add-node')).pointerEvents";
        Assert.Equal("none", await page.EvaluateAsync<string>(addNode));
        await page.ScreenshotAsync("workspace-before-the-circuit");

        release.SetResult();
        // TerminalView has the terminal once the circuit renders and its OnAfterRender ran: the same screen, one xterm.
        await page.WaitForFunctionAsync($"() => document.querySelector('.workspace')?.dataset.interactive === 'true' && document.querySelector('{TerminalPage.Visible} .xterm') !== null");
        await page.WaitForScreenAsync("before-circuit-42");
        Assert.Equal("auto", await page.EvaluateAsync<string>(addNode));
        await page.TypeAsync("echo after-circuit-$((7*7))\n");
        await page.WaitForScreenAsync("after-circuit-49");
        Assert.Equal(1, await page.Locator(".xterm").CountAsync()); // adopted, not opened a second time
        await page.ScreenshotAsync("terminal-before-and-after-the-circuit");
        await page.Context.CloseAsync();
    }
}
