using ContainerLab.Bench;
using System.Text.Json;
using ContainerLab.Api.Client;
using ContainerLab.Bench.TerminalBench;
using Microsoft.Playwright;

// bench/terminal: the web's terminal (SignalR hub) against a bare WebSocket relay and a Blazor-circuit relay of the same
// sandbox's pty, measured in Debian's chromium. Started by bench/terminal/run.sh, which owns every server and cleans up.
var options = BenchOptions.Parse(args);
using var daemon = new ContainerLabClient(options.Socket);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", .. options.ChromiumArgs],
});
void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
var rss = new List<(string State, long Web, long Bare, long Circuit, long Daemon)>();
void Rss(string state) => rss.Add((state, ProcessMemory.RssKib(options.WebPid), ProcessMemory.RssKib(options.BarePid), ProcessMemory.RssKib(options.CircuitPid),
    ProcessMemory.RssKib(options.DaemonPid)));
Rss("started, no session");

// One student session for echo and output; every contender relays its node1's init process (one at a time).
var context = await browser.NewContextAsync(new() { BaseURL = options.Web.ToString(), ViewportSize = new() { Width = 1200, Height = 800 } });
await Instrumentation.InstallAsync(context);
var page = await context.NewPageAsync();
await page.GotoAsync("/");
await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
await page.ClickAsync("#start");
await page.WaitForFunctionAsync("() => (window.__bench?.terms.length ?? 0) > 0", null, new() { Timeout = 30_000 });
await TerminalPages.WaitForPromptAsync(page, TerminalPages.WebTerminal);
string sandbox = (await daemon.ListSandboxesAsync()).Single().Id;
var size = await page.EvaluateAsync<JsonElement>("() => ({ cols: window.__bench.terms[0].cols, rows: window.__bench.terms[0].rows })");
int cols = size.GetProperty("cols").GetInt32(), rows = size.GetProperty("rows").GetInt32();
Log($"session up: sandbox {sandbox}, terminal {cols}x{rows}");

var web = new Contender("ContainerLab.Web (hub)", "SignalR hub /hubs/terminal, JSON protocol, output byte[] as base64, acks as hub sends",
    TerminalPages.WebTerminal, p => p.GotoAsync(new Uri(options.Web, "lab").ToString()));
var bare = new Contender("bare WebSocket relay", "one WebSocket, binary frames, acks as text frames; no Blazor, no SignalR",
    TerminalPages.BenchTerminal, p => p.GotoAsync(new Uri(options.Bare, TerminalPages.Query(sandbox, cols, rows)).ToString()));
var circuit = new Contender("Blazor circuit relay (base64)", "Blazor Server circuit: IJSObjectReference.InvokeVoidAsync(\"write\", base64), acks by DotNetObjectReference",
    TerminalPages.BenchTerminal, p => p.GotoAsync(new Uri(options.Circuit, TerminalPages.Query(sandbox, cols, rows, "&transfer=base64")).ToString()));
var circuitBytes = new Contender("Blazor circuit relay (byte[])", "the same with byte[] arguments (Blazor's binary JS interop transfer)",
    TerminalPages.BenchTerminal, p => p.GotoAsync(new Uri(options.Circuit, TerminalPages.Query(sandbox, cols, rows, "&transfer=bytes")).ToString()));
Contender[] contenders = [bare, web, circuit, circuitBytes];

async Task WithAsync(Contender contender, Func<Task> measure)
{
    await contender.OpenAsync(page);
    await measure();
    await page.GotoAsync("about:blank"); // detach: only one contender is attached to the pty at a time
    await Task.Delay(200);
}

// Warm-up (not recorded): every server's JIT and every path once.
foreach (var contender in contenders)
    await WithAsync(contender, async () =>
    {
        await Measurements.EchoAsync(page, contender, 30, options.KeyGapMs);
        await Measurements.FloodAsync(page, contender, 2_000_000);
    });
foreach (var contender in contenders)
    contender.ClearBreakdown();
Log("warmed up");

// Echo: rounds interleaved, each round every contender once, starting at a rotating one.
int perRound = options.Keystrokes / options.EchoRounds;
var daemonEcho = new Samples();
var bareNoBrowserEcho = new Samples();
for (int round = 0; round < options.EchoRounds; round++)
{
    for (int k = 0; k < contenders.Length; k++)
    {
        var contender = contenders[(round + k) % contenders.Length];
        await WithAsync(contender, async () =>
        {
            contender.Echo.AddRange(await Measurements.EchoAsync(page, contender, perRound, options.KeyGapMs));
            contender.EchoWithoutKeyboard.AddRange(await Measurements.EchoWithoutKeyboardAsync(page, perRound / 2, options.KeyGapMs));
        });
    }
    daemonEcho.AddRange(await DaemonEcho.MeasureAsync(daemon, sandbox, perRound, options.KeyGapMs));
    bareNoBrowserEcho.AddRange(await DaemonEcho.MeasureBareRelayAsync(options.Bare, sandbox, perRound, options.KeyGapMs));
    Log($"echo round {round + 1}/{options.EchoRounds}: " + string.Join(", ", contenders.Select(c => $"{c.Name} {c.Echo.Median:0.00} ms")));
}

// Output: the same interleaving.
for (int run = 0; run < options.FloodRuns; run++)
{
    for (int k = 0; k < contenders.Length; k++)
    {
        var contender = contenders[(run + k) % contenders.Length];
        await WithAsync(contender, async () =>
        {
            var (ms, bytes) = await Measurements.FloodAsync(page, contender, options.FloodBytes);
            contender.Flood.Add(bytes / 1e6 / (ms / 1000));
            contender.FloodBytes.Add(bytes);
        });
    }
    Log($"output run {run + 1}/{options.FloodRuns}: " + string.Join(", ", contenders.Select(c => $"{c.Name} {c.Flood.Median:0.0} MB/s")));
}
await context.CloseAsync();

// Idle sessions: N students with the lab page open (circuit + hub + attached terminal), then N bare-relay pages and N
// circuit-relay pages on those sessions' sandboxes, one kind open at a time.
var before = (await daemon.ListSandboxesAsync()).Select(s => s.Id).ToHashSet();
await Task.Delay(2000);
Rss("before idle sessions");
var students = new List<IBrowserContext>();
for (int i = 0; i < options.IdleSessions; i++)
{
    var student = await browser.NewContextAsync(new() { BaseURL = options.Web.ToString(), ViewportSize = new() { Width = 1200, Height = 800 } });
    students.Add(student);
    var p = await student.NewPageAsync();
    await p.GotoAsync("/");
    await p.WaitForFunctionAsync("() => window.Blazor !== undefined");
    await p.ClickAsync("#start");
    await TerminalPages.WaitForPromptAsync(p, TerminalPages.WebTerminal);
}
await Task.Delay(3000);
Rss($"{options.IdleSessions} web sessions open");
foreach (var student in students)
    await student.CloseAsync();
await Task.Delay(2000);
Rss("web pages closed (sessions kept)");
var idleSandboxes = (await daemon.ListSandboxesAsync()).Select(s => s.Id).Where(id => !before.Contains(id)).ToList();
Log($"{idleSandboxes.Count} idle sandboxes");

async Task OpenRelaysAsync(Uri server, string extra, string state)
{
    var relayContext = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 800 } });
    foreach (string id in idleSandboxes)
    {
        var p = await relayContext.NewPageAsync();
        await p.GotoAsync(new Uri(server, TerminalPages.Query(id, cols, rows, extra)).ToString());
        await TerminalPages.WaitForPromptAsync(p, TerminalPages.BenchTerminal);
    }
    await Task.Delay(3000);
    Rss(state);
    await relayContext.CloseAsync();
    await Task.Delay(2000);
}
await OpenRelaysAsync(options.Bare, "", $"{idleSandboxes.Count} bare relay pages open");
await OpenRelaysAsync(options.Circuit, "&transfer=base64", $"{idleSandboxes.Count} circuit relay pages open");

var report = new Report
{
    Options = options,
    Contenders = contenders,
    Web = web,
    Bare = bare,
    Circuit = circuit,
    CircuitBytes = circuitBytes,
    Columns = cols,
    Rows = rows,
    DaemonEcho = daemonEcho,
    BareNoBrowserEcho = bareNoBrowserEcho,
    Rss = rss,
    IdleCount = idleSandboxes.Count,
    Browser = $"chromium {browser.Version}",
};
string markdown = report.Markdown();
Console.WriteLine(markdown);
if (options.MarkdownPath is not null)
    File.WriteAllText(options.MarkdownPath, markdown);
return 0;

internal static class Fluent
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
