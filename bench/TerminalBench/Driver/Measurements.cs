using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace ContainerLab.Bench.TerminalBench;

/// <summary>What the driver does in a page; times are taken in the page (performance.now) by <see cref="Instrumentation"/>.</summary>
internal static class Measurements
{
    /// <summary>Types <paramref name="count"/> letters, one at a time, each after the previous echo was parsed plus a gap.</summary>
    public static async Task<double[]> EchoAsync(IPage page, Contender contender, int count, int gapMs)
    {
        var (echo, parts) = await EchoWithPartsAsync(page, contender, count, gapMs);
        foreach (var part in parts)
        {
            contender.KeyToSend.Add(part[0]);
            contender.SendToReceive.Add(part[1]);
            contender.ReceiveToParsed.Add(part[2]);
        }
        return echo;
    }

    private static async Task<(double[] Echo, double[][] Parts)> EchoWithPartsAsync(IPage page, Contender contender, int count, int gapMs)
    {
        await page.ClickAsync(contender.Terminal);
        await page.EvaluateAsync("() => { window.__bench.echo = []; window.__bench.parts = []; window.__bench.key = null; }");
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && i % 50 == 0)
                await ClearLineAsync(page);
            await page.Keyboard.PressAsync(((char)('a' + i % 26)).ToString());
            await page.WaitForFunctionAsync("n => window.__bench.echo.length >= n", i + 1, new() { Timeout = 10_000 });
            await Task.Delay(gapMs);
        }
        await ClearLineAsync(page);
        return (await page.EvaluateAsync<double[]>("() => window.__bench.echo"), await page.EvaluateAsync<double[][]>("() => window.__bench.parts"));
    }

    /// <summary>
    /// Diagnostic: the same echo without a keyboard event. The page itself calls xterm's term.input(letter) from a
    /// timer (what a keydown would have produced via onData), timed from that call to the echo parsed.
    /// </summary>
    public static async Task<double[]> EchoWithoutKeyboardAsync(IPage page, int count, int gapMs) =>
        await page.EvaluateAsync<double[]>("""
            async ([count, gap]) => {
                const bench = window.__bench, term = bench.terms[bench.terms.length - 1];
                const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
                const samples = [];
                for (let i = 0; i < count; i++) {
                    if (i > 0 && i % 50 == 0) { term.input('\x15'); await sleep(150); bench.key = null; }
                    const before = bench.echo.length;
                    bench.key = { t0: performance.now(), ctrl: false };
                    term.input(String.fromCharCode(97 + i % 26));
                    while (bench.echo.length === before) await sleep(0);
                    samples.push(bench.echo[bench.echo.length - 1]);
                    await sleep(gap);
                }
                term.input('\x15');
                await sleep(150);
                bench.key = null;
                return samples;
            }
            """, new[] { count, gapMs });

    /// <summary>Ctrl-U (busybox ash: kill the line); its redraw is not a sample.</summary>
    private static async Task ClearLineAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Control+U");
        await Task.Delay(150);
        await page.EvaluateAsync("() => { window.__bench.key = null; }");
    }

    /// <summary>base64 of random bytes, <paramref name="bytes"/> characters plus newlines, then a marker; Enter to marker parsed.</summary>
    public static async Task<(double Ms, double Bytes)> FloodAsync(IPage page, Contender contender, long bytes)
    {
        await page.ClickAsync(contender.Terminal);
        // The typed line holds TB_$((6*7))_END; only the shell's output holds TB_42_END.
        await page.Keyboard.TypeAsync($"head -c {bytes / 4 * 3} /dev/urandom | base64; echo TB_$((6*7))_END");
        await Task.Delay(300);
        await page.EvaluateAsync("() => { window.__bench.flood = { armed: true, marker: 'TB_42_END' }; }");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => window.__bench.flood.ms !== undefined", null, new() { Timeout = 300_000, PollingInterval = 100 });
        var result = await page.EvaluateAsync<JsonElement>("() => ({ ms: window.__bench.flood.ms, bytes: window.__bench.flood.bytes })");
        await TerminalPages.WaitForPromptAsync(page, contender.Terminal);
        return (result.GetProperty("ms").GetDouble(), result.GetProperty("bytes").GetDouble());
    }
}
