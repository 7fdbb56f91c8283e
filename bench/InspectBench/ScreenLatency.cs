using System.Diagnostics;
using System.Globalization;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using Microsoft.Playwright;

namespace ContainerLab.Bench.InspectBench;

/// <summary>
/// Change -> screen: a file touched in a lab page's sandbox through exec (t0 when the exec call returned) until the page's
/// overlay panel shows it as added. Three clocks per sample: Playwright's WaitForSelector returning (the runner's clock,
/// the headline), a MutationObserver in the page seeing the element inserted (the page's wall clock against the runner's),
/// and the files event at a daemon-side subscriber of the same sandbox (the daemon's share).
/// </summary>
internal sealed class ScreenLatency(ContainerLabClient client, IPage page, Subscriber subscriber)
{
    private readonly Random _gaps = new(7);

    /// <summary>exec returned -> Playwright's WaitForSelector for the added path returned.</summary>
    public Samples ScreenMs { get; } = new();
    /// <summary>exec returned -> the element was inserted into the page's DOM (MutationObserver; page and runner wall clocks).</summary>
    public Samples DomMs { get; } = new();
    /// <summary>exec returned -> the files event at a daemon-side subscriber of the same sandbox.</summary>
    public Samples EventMs { get; } = new();
    /// <summary>Per sample: the daemon-side files event -> the element in the DOM (the web's and the page's share).</summary>
    public Samples EventToDomMs { get; } = new();
    /// <summary>Per sample: the daemon-side files event -> Playwright's WaitForSelector returned.</summary>
    public Samples EventToScreenMs { get; } = new();

    public static async Task<(IBrowserContext Context, IPage Page)> StartSessionAsync(IBrowser browser, Uri web)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = web.ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.ClickAsync("#start");
        await WaitForLabAsync(page);
        return (context, page);
    }

    /// <summary>The lab page is up: a prompt in the visible terminal and the overlay panel drawn.</summary>
    public static async Task WaitForLabAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => /#\\s*$/.test(document.querySelector('.terminal-view:not([hidden]) .xterm-rows')?.innerText ?? '')",
            null, new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync(".overlay-panel", new() { Timeout = 30_000 });
    }

    public async Task MeasureAsync(int samples, int warmups)
    {
        for (int i = 0; i < warmups + samples; i++)
        {
            var (screen, dom, changeEvent) = await SampleAsync($"/root/clab-screen-{i:000}-x");
            if (i >= warmups)
            {
                ScreenMs.Add(screen);
                DomMs.Add(dom);
                EventMs.Add(changeEvent);
                EventToDomMs.Add(dom - changeEvent);
                EventToScreenMs.Add(screen - changeEvent);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250 + _gaps.NextDouble() * 500));
        }
    }

    private async Task<(double ScreenMs, double DomMs, double EventMs)> SampleAsync(string path)
    {
        string selector = $".overlay-panel .change[data-kind=added]:has-text('{path}')";
        await page.EvaluateAsync("""
            (path) => {
                window.__seen = undefined;
                const shown = () => [...document.querySelectorAll('.overlay-panel .change[data-kind=added]')].some(g => g.textContent.includes(path));
                const observer = new MutationObserver(() => {
                    if (!shown()) return;
                    window.__seen = performance.timeOrigin + performance.now();
                    observer.disconnect();
                });
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """, path);
        int mark = subscriber.Mark();
        var process = await client.ExecAsync(subscriber.SandboxId, new ExecRequest { Command = ["touch", path] });
        long t0 = Stopwatch.GetTimestamp();
        double t0Wall = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        var changeEvent = subscriber.Expect(mark, e => e.Type == SandboxEventTypes.Files && e.Paths?.Contains(path) == true);
        await page.WaitForSelectorAsync(selector, new() { Timeout = 10_000 });
        long t1 = Stopwatch.GetTimestamp();
        double seen = await page.EvaluateAsync<double>("() => window.__seen ?? NaN");
        long eventAt = await changeEvent;
        await client.WaitAsync(subscriber.SandboxId, process.Id);
        return (Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds, seen - t0Wall, Stopwatch.GetElapsedTime(t0, eventAt).TotalMilliseconds);
    }

    /// <summary>The sandbox of the web session that is not in <paramref name="known"/> (the web names session networks web-...).</summary>
    public static async Task<string> FindWebSandboxAsync(ContainerLabClient client, IReadOnlySet<string> known)
    {
        var found = (await client.ListSandboxesAsync())
            .Where(s => s.Session?.StartsWith("web-", StringComparison.Ordinal) == true && !known.Contains(s.Id)).ToList();
        return found.Count == 1
            ? found[0].Id
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"expected one new web sandbox, found {found.Count}"));
    }
}
