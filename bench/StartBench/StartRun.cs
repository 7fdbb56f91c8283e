using System.Diagnostics;
using System.Text.Json;
using ContainerLab.Api.Client;
using Microsoft.Playwright;

namespace ContainerLab.Bench.StartBench;

/// <summary>One Start -> prompt as a results line: which row and contender, the driver's wall clocks, the page's milestones.</summary>
internal sealed record StartSample(string Row, string Contender, double HomeMs, double WallMs, double CreateAnsweredMs,
    double? HtmlMs, double? DomReadyMs, double? XtermMs, double PromptMs, double DaemonCreateMs);

/// <summary>The two pages with a Start button: the product, and the bare relay's start page (the baseline).</summary>
internal sealed record StartPage(string Contender, Uri Url, string Ready, string Terminal)
{
    public static StartPage Web(Uri url) => new("web", url, "() => window.Blazor !== undefined", ".terminal-view:not([hidden])");
    public static StartPage Bare(Uri url) => new("bare", new Uri(url, "start"), "() => window.__startReady === true", "#terminal");
}

internal static class StartRun
{
    /// <summary>
    /// Each page notes, from its document's navigation start, when the lab page is in place (the web's enhanced Start
    /// puts /lab into the home page's document), when an xterm exists and when the visible terminal's last line ends
    /// in '#'.
    /// </summary>
    private const string Milestones = """
        window.__milestones = {};
        const poll = () => {
            const m = window.__milestones;
            if (m.lab === undefined && document.querySelector('.workspace')) m.lab = performance.now();
            if (m.xterm === undefined && document.querySelector('.xterm')) m.xterm = performance.now();
            const rows = document.querySelector('.terminal-view:not([hidden]) .xterm-rows, #terminal .xterm-rows');
            if (rows && /#\s*$/.test(rows.innerText)) { m.prompt = performance.now(); return; }
            requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
        """;

    /// <summary>A fresh context (no cache, no cookies) in <paramref name="browser"/>: home page, click Start, prompt.</summary>
    public static async Task<StartSample> MeasureAsync(IBrowser browser, StartPage page, string row, ContainerLabClient daemon)
    {
        var known = (await daemon.ListSandboxesAsync()).Select(s => s.Id).ToHashSet();
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 } });
        try
        {
            await context.AddInitScriptAsync(Milestones);
            var tab = await context.NewPageAsync();
            long home = Stopwatch.GetTimestamp();
            await tab.GotoAsync(page.Url.ToString());
            await tab.WaitForFunctionAsync(page.Ready, null, new() { Timeout = 60_000 });
            double homeMs = Stopwatch.GetElapsedTime(home).TotalMilliseconds;
            // The bare page stays one document: its clock starts at the click, not at its navigation.
            double clickAt = await tab.EvaluateAsync<double>("() => performance.now()");
            long start = Stopwatch.GetTimestamp();
            await tab.ClickAsync("#start");
            await tab.WaitForFunctionAsync($"() => /#\\s*$/.test(document.querySelector('{page.Terminal} .xterm-rows')?.innerText ?? '')",
                null, new() { Timeout = 60_000 });
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await tab.WaitForFunctionAsync("() => window.__milestones?.prompt !== undefined");
            var m = await tab.EvaluateAsync<JsonElement>("""
                () => {
                    const n = performance.getEntriesByType('navigation')[0];
                    const post = performance.getEntriesByType('resource').find(r => r.name.endsWith('/start'));
                    return { secondDocument: new URL(n.name).pathname === '/lab', redirect: n.redirectEnd, response: n.responseEnd,
                             dcl: n.domContentLoadedEventEnd, post: post ? post.responseEnd : 0, lab: window.__milestones.lab ?? 0,
                             xterm: window.__milestones.xterm, prompt: window.__milestones.prompt };
                }
                """);
            var created = (await daemon.ListSandboxesAsync()).Where(s => !known.Contains(s.Id)).ToList();
            double daemonMs = created.Count == 1 ? created[0].Startup.Sum(s => s.Milliseconds) : double.NaN;
            double Get(string name) => m.GetProperty(name).GetDouble();
            // A page that went to /lab as a second document (a plain form post) counts from that document's navigation
            // start (the form's submission); one that stayed one document (the bare page, the web's enhanced Start)
            // counts from the click. For the latter the POST's entry ends with the redirect's /lab HTML, and "lab page
            // in place" stands where DOMContentLoaded stands for the former.
            return page.Contender == "web" && m.GetProperty("secondDocument").GetBoolean()
                ? new StartSample(row, page.Contender, homeMs, wall, Get("redirect"), Get("response"), Get("dcl"), Get("xterm"), Get("prompt"), daemonMs)
                : new StartSample(row, page.Contender, homeMs, wall, Get("post") - clickAt, page.Contender == "web" ? Get("post") - clickAt : null,
                    page.Contender == "web" ? Get("lab") - clickAt : null, Get("xterm") - clickAt, Get("prompt") - clickAt, daemonMs);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
