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
}
