using ContainerLab.Bench;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Bench.SandboxStart;

// bench/sandbox-start: API create -> process running, against bare OCI runtime starts of the same rootfs, interleaved
// round by round in one run. Started by bench/sandbox-start/run.sh, which owns the daemon and cleans up.
var options = BenchOptions.Parse(args);
using var client = new ContainerLabClient(options.Socket);
long rssFresh = ProcessMemory.RssKib(options.DaemonPid);

string crunPath = Which("crun") ?? throw new InvalidOperationException("crun not found");
string? runcPath = Which("runc");
// crun 1.8.1 refuses a hybrid host whose unified mount has controllers: the engine wraps it, so must we.
bool hybrid = File.Exists("/sys/fs/cgroup/unified/cgroup.controllers")
    && File.ReadAllText("/sys/fs/cgroup/unified/cgroup.controllers").Trim().Length > 0;
var crun = new RuntimeCommand("crun", crunPath, Path.Combine(options.WorkDirectory, "crun-state"), hybrid);
var runc = runcPath is null ? null : new RuntimeCommand("runc", runcPath, Path.Combine(options.WorkDirectory, "runc-state"), false);

// One sandbox first, to copy the engine's own config.json for the diagnostic row (and to warm the daemon).
var probe = await client.CreateSandboxAsync(Contenders.SleepRequest, start: true);
string probeDirectory = Path.Combine(options.StateDirectory, "sandboxes", probe.Id);
var engineConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(probeDirectory, "config.json")))!.AsObject();
string engineRuntime = probe.Runtime;
string Bundle(string name, Func<string, JsonObject> spec)
{
    string bundle = Path.Combine(options.WorkDirectory, "bundles", name);
    Bundles.Write(bundle, spec(bundle));
    return bundle;
}
string Cgroup(string name) => $"{options.CgroupPrefix}/bare-{name}";
var runtimeDefault = Bundles.RuntimeDefault(crunPath, Path.Combine(options.WorkDirectory, "spec"));
string crunBundle = Bundle("crun", _ => Bundles.Comparable(runtimeDefault, options.Rootfs, Cgroup("crun"), options.BareHostId));
string runcBundle = Bundle("runc", _ => Bundles.Comparable(runtimeDefault, options.Rootfs, Cgroup("runc"), options.BareHostId));
string splitBundle = Bundle("crun-split", _ => Bundles.Comparable(runtimeDefault, options.Rootfs, Cgroup("crun-split"), options.BareHostId));
string engineBundle = Bundle("crun-engine-config", b => Bundles.FromEngine(engineConfig, probeDirectory, options.Rootfs,
    Cgroup("crun-engine-config"), options.BareHostId, b));
await client.RemoveSandboxAsync(probe.Id, force: true);

var steps = new StepBreakdown();
var removes = new Samples("remove");
var api = Contenders.Api(client, steps, removes);
var bareCrun = Contenders.RunDetached("bare crun run -d", false, crun, crunBundle);
List<Contender> contenders = [api, bareCrun];
if (runc is not null)
    contenders.Add(Contenders.RunDetached("bare runc run -d", false, runc, runcBundle));
contenders.Add(Contenders.CreateThenStart("bare crun create + start", crun, splitBundle));
contenders.Add(Contenders.RunDetached("bare crun run -d, engine's config.json", true, crun, engineBundle));

// Warm-ups (not recorded), then rounds; each round runs every contender once, starting at a rotating one.
var warmSteps = new StepBreakdown();
var warmApi = Contenders.Api(client, warmSteps, new Samples("warm"));
for (int w = 0; w < options.Warmups; w++)
{
    foreach (var contender in contenders)
        await (contender == api ? warmApi : contender).RunOnceAsync($"bench-warm{w}");
}
for (int round = 0; round < options.Runs; round++)
{
    for (int k = 0; k < contenders.Count; k++)
    {
        var contender = contenders[(round + k) % contenders.Count];
        contender.Samples.Add(await contender.RunOnceAsync($"bench-{round}-{k}"));
    }
}

// Memory: the daemon idle, then with options.Alive sandboxes alive at once (their creation timed too: most of
// them get an id range whose user namespace the daemon has not made yet).
long rssIdle = ProcessMemory.RssKib(options.DaemonPid);
var alive = new List<SandboxDto>();
var aliveCreates = new Samples($"containerlab API, {options.Alive} kept alive");
var aliveSteps = new StepBreakdown();
long rssAlive;
long? cgroupAlive;
try
{
    for (int i = 0; i < options.Alive; i++)
    {
        long start = Stopwatch.GetTimestamp();
        var sandbox = await client.CreateSandboxAsync(Contenders.SleepRequest, start: true);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        alive.Add(sandbox);
        aliveCreates.Add(ms);
        aliveSteps.Add(ms, sandbox.Startup);
    }
    await Task.Delay(500); // let the runtimes' exits and the daemon's first reads settle
    rssAlive = ProcessMemory.RssKib(options.DaemonPid);
    // Each sandbox's own memory cgroup: its processes, the page cache of its disk, kernel objects charged to it.
    cgroupAlive = alive.All(s => ProcessMemory.CgroupBytes(s.CgroupPath) is not null) ? alive.Sum(s => ProcessMemory.CgroupBytes(s.CgroupPath)!.Value) : null;
}
finally
{
    foreach (var sandbox in alive)
        await client.RemoveSandboxAsync(sandbox.Id, force: true);
}
long rssAfter = ProcessMemory.RssKib(options.DaemonPid);

var report = new Report
{
    Contenders = contenders,
    Baseline = bareCrun,
    Ours = api,
    AliveCreates = aliveCreates,
    Steps = steps,
    AliveSteps = aliveSteps,
    Removes = removes,
    EngineRuntime = engineRuntime,
    Runs = options.Runs,
    Warmups = options.Warmups,
    Alive = options.Alive,
    RssFreshKib = rssFresh,
    RssIdleKib = rssIdle,
    RssAliveKib = rssAlive,
    RssAfterKib = rssAfter,
    CgroupAliveBytes = cgroupAlive,
    Machine = Report.DescribeMachine(crunPath, runcPath),
};
string markdown = report.Markdown();
Console.WriteLine(markdown);
if (options.MarkdownPath is not null)
    File.WriteAllText(options.MarkdownPath, markdown);
return 0;

static string? Which(string name) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
