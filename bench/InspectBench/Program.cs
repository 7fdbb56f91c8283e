using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Bench;
using ContainerLab.Bench.InspectBench;
using Microsoft.Playwright;

// bench/inspect: what following open sandboxes costs containerlabd (change stream against polling the inspection, each
// against nobody following, in one run), change -> event at a daemon-side subscriber, change -> screen in chromium, and
// the web's CPU per open lab page. Started by bench/inspect/run.sh, which owns the daemon and the web and cleans up.
var options = BenchOptions.Parse(args);
void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
using var client = new ContainerLabClient(options.Socket);
var info = await client.GetInfoAsync();
string runtime = info.RuntimeVersion; // "crun version 1.8.1"

// The open sandboxes: what a web node is (a shell on a pty) plus one more process, as a student's idle node would have.
var sandboxes = new List<string>();
var subscribers = new List<Subscriber>();
try
{
    for (int i = 0; i < options.Sandboxes; i++)
    {
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sh"], Tty = true, Name = $"inspect-{i:00}",
        });
        sandboxes.Add(sandbox.Id);
        await client.ExecAsync(sandbox.Id, new ExecRequest { Command = ["sleep", "3600"] });
    }
    Log($"{sandboxes.Count} sandboxes open");

    // 1. The daemon's CPU and wall time under each load.
    var load = new DaemonLoad(client, options.DaemonPid, sandboxes, TimeSpan.FromSeconds(options.PhaseSeconds));
    await load.WarmUpAsync();
    await load.RunAsync(options.Rounds, Log);

    // 2. Change -> event, every open sandbox watched; they stay watched through the browser's part.
    subscribers = await Subscriber.OpenAllAsync(client, sandboxes);
    var events = new EventLatency(client, subscribers);
    await events.MeasureAsync(options.EventSamples, warmups: 3);
    Log($"change -> event: files median {events.FileMs.Median:0} ms, processes median {events.ProcessMs.Median:0} ms");

    // 3. Change -> screen in one lab page, then the web's CPU per open page.
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", .. options.ChromiumArgs],
    });
    var known = (await client.ListSandboxesAsync()).Select(s => s.Id).ToHashSet();
    var (_, page) = await ScreenLatency.StartSessionAsync(browser, options.Web);
    string webSandbox = await ScreenLatency.FindWebSandboxAsync(client, known);
    Log($"lab page up: sandbox {webSandbox}");
    ScreenLatency screen;
    await using (var webSubscriber = new Subscriber(client, webSandbox))
    {
        await webSubscriber.Started;
        screen = new ScreenLatency(client, page, webSubscriber);
        await screen.MeasureAsync(options.ScreenSamples, warmups: 3);
    }
    Log($"change -> screen: median {screen.ScreenMs.Median:0} ms, p95 {screen.ScreenMs.P95:0} ms");

    var pages = new List<IPage> { page };
    for (int i = 1; i < options.Pages; i++)
        pages.Add((await ScreenLatency.StartSessionAsync(browser, options.Web)).Page);
    var web = new WebCpu(client, pages, options.WebPid, options.DaemonPid, TimeSpan.FromSeconds(options.PhaseSeconds));
    await web.RunAsync(options.Rounds, Log);

    var report = new Report
    {
        Options = options,
        Load = load,
        Events = events,
        Screen = screen,
        Web = web,
        Browser = $"chromium {browser.Version}",
        Runtime = runtime,
    };
    string markdown = report.Markdown();
    Console.WriteLine(markdown);
    if (options.MarkdownPath is not null)
        File.WriteAllText(options.MarkdownPath, markdown);
    return 0;
}
finally
{
    await Subscriber.CloseAllAsync(subscribers);
    foreach (string id in sandboxes)
    {
        try { await client.RemoveSandboxAsync(id, force: true); }
        catch (Exception e) when (e is ContainerLabApiException or HttpRequestException) { Log($"remove {id}: {e.Message}"); }
    }
}
