using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ContainerLab.Bench.TerminalBench;

/// <summary>
/// Measures inside the page, the same way for every contender: a browser context's requests for xterm.js
/// (/lib/xterm/xterm.mjs, fingerprinted or not) get a module that re-exports the real one with Terminal subclassed, so
/// each terminal's write callback (called once xterm has parsed that chunk) timestamps the echo of the last keydown and
/// counts a flood's bytes until its end marker. Nothing of the contenders' own code changes.
/// </summary>
internal static partial class Instrumentation
{
    private const string RealSuffix = "bench-real";

    public static async Task InstallAsync(IBrowserContext context)
    {
        await context.AddInitScriptAsync(NetworkProbe);
        await RouteXtermAsync(context);
    }

    /// <summary>
    /// Every page WebSocket (the bare relay's, SignalR's hub and Blazor's circuit alike): the first send after a keydown
    /// and the first message received after that send, so an echo splits into browser-out, network + server, browser-in.
    /// </summary>
    private const string NetworkProbe = """
        (() => {
            const net = window.__net = { sent: undefined, received: undefined };
            const Native = window.WebSocket;
            const send = Native.prototype.send;
            Native.prototype.send = function (data) {
                if (net.sent === undefined) net.sent = performance.now();
                return send.call(this, data);
            };
            window.WebSocket = class extends Native {
                constructor(...args) {
                    super(...args);
                    this.addEventListener('message', () => {
                        if (net.sent !== undefined && net.received === undefined) net.received = performance.now();
                    });
                }
            };
            document.addEventListener('keydown', () => { net.sent = undefined; net.received = undefined; }, true);
        })();
        """;

    private static Task RouteXtermAsync(IBrowserContext context) => context.RouteAsync(
        url => XtermModule().IsMatch(new Uri(url).AbsolutePath) && !url.Contains(RealSuffix, StringComparison.Ordinal),
        route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/javascript",
            Body = Shim(route.Request.Url + (route.Request.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + RealSuffix),
        }));

    [GeneratedRegex(@"^/lib/xterm/xterm(\.[0-9a-z]+)?\.mjs$")]
    private static partial Regex XtermModule();

    private static string Shim(string realUrl) => $$"""
        import * as real from '{{realUrl}}';
        export * from '{{realUrl}}';
        const bench = window.__bench ??= { terms: [], echo: [], parts: [], key: null, flood: null };
        if (!bench.listening) {
            bench.listening = true;
            document.addEventListener('keydown', (e) => {
                const t0 = performance.now();
                if (bench.flood?.armed && e.key === 'Enter') {
                    Object.assign(bench.flood, { armed: false, t0, bytes: 0, tail: '' });
                    return;
                }
                bench.key = { t0, ctrl: e.ctrlKey };
            }, true);
        }
        export class Terminal extends real.Terminal {
            constructor(...args) { super(...args); bench.terms.push(this); }
            write(data, callback) {
                const n = data.length;
                return super.write(data, () => {
                    const now = performance.now();
                    const key = bench.key;
                    if (key) {
                        bench.key = null;
                        if (!key.ctrl) {
                            bench.echo.push(now - key.t0);
                            const net = window.__net;
                            if (net?.sent !== undefined && net.received !== undefined)
                                bench.parts.push([net.sent - key.t0, net.received - net.sent, now - net.received]);
                        }
                    }
                    const flood = bench.flood;
                    if (flood && flood.t0 !== undefined && flood.ms === undefined) {
                        flood.bytes += n;
                        const last = typeof data === 'string' ? data.slice(-256)
                            : String.fromCharCode.apply(null, data.subarray(Math.max(0, n - 256)));
                        const tail = flood.tail + last;
                        if (tail.includes(flood.marker)) flood.ms = now - flood.t0;
                        flood.tail = tail.slice(-64);
                    }
                    callback?.();
                });
            }
        }
        """;
}
