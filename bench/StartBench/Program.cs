using System.Text.Json;
using ContainerLab.Api.Client;
using ContainerLab.Bench;
using ContainerLab.Bench.StartBench;
using Microsoft.Playwright;

// bench/start: Start -> visible prompt on ContainerLab.Web against the bare relay's start page, three ways:
//   cold:  the servers (containerlabd + the web, or containerlabd + the relay) just started, a browser just launched;
//   fresh browser: warm servers, a newly launched chromium (empty profile) per run;
//   new context: warm servers, a new context (no cache, no cookies) of one running chromium per run.
// Phases append JSON lines to --results; bench/start/run.sh starts and stops the servers between them and calls
// `report` at the end.
var flags = new BenchFlags(args.Skip(1).ToArray());
string phase = args.FirstOrDefault() ?? throw new ArgumentException("usage: start-bench cold|warm|report --results FILE ...");
string results = flags.Need("results");

if (phase == "report")
{
    var samples = File.ReadAllLines(results).Select(l => JsonSerializer.Deserialize<StartSample>(l)!).ToList();
    string markdown = Report.Markdown(samples);
    Console.WriteLine(markdown);
    if (flags.Optional("markdown") is { } path)
        File.WriteAllText(path, markdown);
    return 0;
}

using var daemon = new ContainerLabClient(flags.Need("socket"));
using var playwright = await Playwright.CreateAsync();
Task<IBrowser> LaunchAsync() => playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
});
async Task<StartSample> InFreshBrowserAsync(StartPage page, string row)
{
    await using var browser = await LaunchAsync();
    return await StartRun.MeasureAsync(browser, page, row, daemon);
}
void Save(StartSample sample)
{
    File.AppendAllText(results, JsonSerializer.Serialize(sample) + "\n");
    Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {sample.Row} {sample.Contender}: {sample.WallMs:0} ms (home {sample.HomeMs:0} ms, daemon create {sample.DaemonCreateMs:0.0} ms)");
}

if (phase == "cold")
{
    // The browser is launched before the servers are first asked anything, as a student's is.
    var page = flags.Need("contender") == "web" ? StartPage.Web(new Uri(flags.Need("url"))) : StartPage.Bare(new Uri(flags.Need("url")));
    Save(await InFreshBrowserAsync(page, "cold"));
    return 0;
}

if (phase != "warm")
    throw new ArgumentException($"unknown phase '{phase}'");
StartPage[] pages = [StartPage.Web(new Uri(flags.Need("web"))), StartPage.Bare(new Uri(flags.Need("bare")))];
int runs = flags.Number("runs", 20);
await using var shared = await LaunchAsync();
// Warm-up, not recorded: each server's paths once in each way.
foreach (var page in pages)
{
    await StartRun.MeasureAsync(shared, page, "warm-up", daemon);
    await InFreshBrowserAsync(page, "warm-up");
}
// Interleaved: each run measures every contender in both ways, starting at a rotating one.
for (int run = 0; run < runs; run++)
    for (int k = 0; k < pages.Length; k++)
    {
        var page = pages[(run + k) % pages.Length];
        Save(await StartRun.MeasureAsync(shared, page, "new context", daemon));
        Save(await InFreshBrowserAsync(page, "fresh browser"));
    }
return 0;
