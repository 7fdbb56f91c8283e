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
        await Eventually.TrueAsync(() => lab.Web.Log().Contains("Pages warmed up through", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the web did not log its page warm-up");
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
        // The prompt no longer waits for the circuit, so the circuit's negotiate may come after it.
        await page.WaitForInteractiveAsync();

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
        var release = await page.HoldCircuitAsync();
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
        // The keys still go to the terminal, without a click: the handover kept its focus.
        Assert.True(await page.EvaluateAsync<bool>($"() => document.querySelector('{TerminalPage.Visible}').contains(document.activeElement)"),
            "the terminal lost the focus when the circuit took it over: " + await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 120) ?? 'none'"));
        await page.Keyboard.TypeAsync("echo after-circuit-$((7*7))\n");
        await page.WaitForScreenAsync("after-circuit-49");
        Assert.Equal(1, await page.Locator(".xterm").CountAsync()); // adopted, not opened a second time
        await page.ScreenshotAsync("terminal-before-and-after-the-circuit");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The home page opens the terminal hub's connection while the student reads it, before there is a session; the lab
    /// page's ticket names the session to it (Terminals/TerminalTickets.cs). Before, the negotiate, the WebSocket and the
    /// SignalR handshake all came after Start's POST answered, on the path to the prompt.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_home_page_connects_the_terminal_hub_before_Start_and_that_connection_carries_the_terminal()
    {
        var page = await lab.NewStudentAsync();
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) requests.Add(request.Method + " " + new Uri(request.Url).AbsolutePath); };
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => performance.getEntriesByType('resource').some(r => r.name.includes('/hubs/terminal/negotiate'))");
        await page.ClickAsync("#start");
        await page.WaitForPromptAsync();
        await page.TypeAsync("echo ticketed-$((5*5))\n");
        await page.WaitForScreenAsync("ticketed-25");

        List<string> seen;
        lock (requests) seen = [.. requests];
        int post = seen.IndexOf("POST /session/start");
        var negotiates = seen.Select((r, i) => (r, i)).Where(x => x.r.StartsWith("POST /hubs/terminal/negotiate", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.True(post >= 0, string.Join('\n', seen));
        Assert.Equal([negotiates[0]], negotiates); // one connection, opened before Start
        Assert.True(negotiates[0] < post, "the hub connected after Start:\n" + string.Join('\n', seen));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Start is an enhanced form post: the session's page comes into the home page's document, so blazor.web.js,
    /// signalr.min.js and xterm.js are not loaded and run a second time (docs/PERFORMANCE.md, "Start -> prompt", change 6).
    /// Before, the POST and its redirect to /lab were two document navigations. The page's one hub connection belongs to
    /// the session whose cookie it was opened with, so when that session ends and the student starts a new one on the
    /// same document, the new terminal must connect anew: with the old connection it read "your session has ended".
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Start_stays_in_the_home_pages_document_and_a_second_session_on_it_gets_a_working_terminal()
    {
        var page = await lab.NewStudentAsync();
        await page.GotoAsync("/");
        var documents = new List<string>();
        page.Request += (_, request) => { if (request.ResourceType == "document") lock (documents) documents.Add(request.Method + " " + request.Url); };
        await page.EvaluateAsync("() => { window.__homeDocument = true; }");
        await page.ClickAsync("#start");
        await page.WaitForPromptAsync();
        Assert.Equal("/lab", new Uri(page.Url).AbsolutePath);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__homeDocument === true"), "the lab page came as a second document");
        await page.TypeAsync("echo first-$((2*3))\n");
        await page.WaitForScreenAsync("first-6");

        // The session ends elsewhere (another tab of the same browser); this page says so and offers a new one.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/lab");
        await other.ClickAsync(".end-session button");
        await other.WaitForHomeAsync();
        await other.CloseAsync();
        await page.ClickAsync(".ended a");
        await page.ClickAsync("#start");
        await page.WaitForPromptAsync();
        await page.TypeAsync("echo second-$((3*4))\n");
        await page.WaitForScreenAsync("second-12");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__homeDocument === true"), "a later step loaded a second document");
        lock (documents) Assert.Empty(documents);
        await page.ScreenshotAsync("second-session-same-document");
        await page.Context.CloseAsync();
    }
}
