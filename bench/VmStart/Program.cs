using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Bench;

// bench/vm-start: rounds of (a VM node: API create -> "clab-boot: shell" on its console; a bare qemu-system-x86_64 with
// the argv the daemon gave QEMU, on the same kernel and initramfs, spawn -> the same line; a container node: API create
// -> its shell's prompt), each round starting at a rotating contender; then the memory of an idle VM node, of an idle
// container node (their cgroups) and of the bare QEMU (its RSS). Started by bench/vm-start/run.sh.
string socket = Arg("--socket"), state = Arg("--state-dir"), guest = Arg("--guest-dir");
int runs = int.Parse(Arg("--runs", "5"), CultureInfo.InvariantCulture);
string? markdown = ArgOrNull("--markdown");
using var client = new ContainerLabClient(socket);
await using (var tar = File.OpenRead(Arg("--vm-tar")))
    await client.ImportImageAsync(tar, "vm", "rootfs");
const string Marker = "clab-boot: shell";
var vmRequest = new CreateSandboxRequest { Kind = "vm", Image = "busybox", Limits = new LimitsDto { Memory = "192m" } };
var containerRequest = new CreateSandboxRequest { Image = "busybox", Command = ["/bin/sh"], Tty = true, WorkingDirectory = "/root" };

// The argv the engine gives QEMU, from a probe node's config.json, for the bare runs: the same machine, kernel,
// initramfs, command line and devices, minus the agent's socket (there is no daemon to connect to) and the sandbox.
var probe = await client.CreateSandboxAsync(vmRequest);
var config = JsonNode.Parse(File.ReadAllText(Path.Combine(state, "sandboxes", probe.Id, "config.json")))!;
string[] engineArgs = [.. config["process"]!["args"]!.AsArray().Select(a => (string)a!)];
await client.RemoveSandboxAsync(probe.Id, force: true);
string[] qemuArgs = BareArguments(engineArgs, guest);

var vm = new Samples("VM node: API create -> shell line on its console");
var bare = new Samples("bare qemu-system-x86_64, same argv, kernel and initramfs: spawn -> the same line");
var container = new Samples("container node: API create -> shell prompt");
var contenders = new (Samples Samples, Func<Task<double>> Run)[]
{
    (vm, () => ApiToLineAsync(vmRequest, Marker)),
    (bare, () => BareToLineAsync(qemuArgs)),
    (container, () => ApiToLineAsync(containerRequest, "# ")),
};
await ApiToLineAsync(vmRequest, Marker); // warm-up: page cache, JIT, the daemon's first VM
for (int round = 0; round < runs; round++)
    for (int k = 0; k < contenders.Length; k++)
    {
        var (samples, run) = contenders[(round + k) % contenders.Length];
        samples.Add(await run());
    }

// Memory once booted and idle (2 s after the shell line): the node's cgroup (QEMU and the guest's RAM it touched, or
// the container's processes and page cache), the bare QEMU's RSS.
long vmMemory = await IdleCgroupAsync(vmRequest, Marker), containerMemory = await IdleCgroupAsync(containerRequest, "# ");
long bareRss = await BareIdleRssAsync(qemuArgs);

var report = new StringBuilder();
// Which accelerator the daemon chose for its VM nodes, and why (with --accelerator auto, its trial of KVM): the bare runs
// use the same argv, so every row of this report is that accelerator's.
report.AppendLine(CultureInfo.InvariantCulture, $"vm-start: {runs} rounds, {Environment.ProcessorCount} cores, accelerator {probe.Accelerator?.ToUpperInvariant()}: {probe.AcceleratorReason}");
report.AppendLine();
report.AppendLine("| contender | median ms | p95 ms | min ms | max ms |");
report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var s in new[] { vm, bare, container })
    report.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Median:0} | {s.P95:0} | {s.Min:0} | {s.Max:0} |");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"- VM node / bare QEMU (median): **{vm.Median / bare.Median:0.00}x** (target 1.1x)");
report.AppendLine(CultureInfo.InvariantCulture, $"- VM node / container node (median): **{vm.Median / container.Median:0}x**");
report.AppendLine(CultureInfo.InvariantCulture, $"- idle memory: VM node cgroup {vmMemory / 1048576.0:0.0} MiB, bare QEMU RSS {bareRss / 1024.0:0.0} MiB, container node cgroup {containerMemory / 1048576.0:0.0} MiB (VM / container {(double)vmMemory / containerMemory:0}x)");
Console.Write(report);
if (markdown is not null && args.Contains("--append"))
    File.AppendAllText(markdown, Environment.NewLine + report);
else if (markdown is not null)
    File.WriteAllText(markdown, report.ToString());
if (ArgOrNull("--accelerator-file") is { } acceleratorFile)
    File.WriteAllText(acceleratorFile, probe.Accelerator);
return 0;

async Task<double> ApiToLineAsync(CreateSandboxRequest request, string marker)
{
    long start = Stopwatch.GetTimestamp();
    var node = await client.CreateSandboxAsync(request);
    try
    {
        await using var console = await client.AttachAsync(node.Id, "init", replay: true);
        await ReadUntilAsync(console, marker);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    finally
    {
        await client.RemoveSandboxAsync(node.Id, force: true);
    }
}

async Task<long> IdleCgroupAsync(CreateSandboxRequest request, string marker)
{
    var node = await client.CreateSandboxAsync(request);
    try
    {
        await using (var console = await client.AttachAsync(node.Id, "init", replay: true))
            await ReadUntilAsync(console, marker);
        await Task.Delay(2000);
        string v1 = $"/sys/fs/cgroup/memory{node.CgroupPath}/memory.usage_in_bytes", v2 = $"/sys/fs/cgroup{node.CgroupPath}/memory.current";
        return long.Parse(File.ReadAllText(File.Exists(v1) ? v1 : v2).Trim(), CultureInfo.InvariantCulture);
    }
    finally
    {
        await client.RemoveSandboxAsync(node.Id, force: true);
    }
}

static async Task ReadUntilAsync(ProcessAttachment console, string marker)
{
    using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));
    var text = new StringBuilder();
    await foreach (var frame in console.ReadAsync(cancel.Token))
    {
        if (frame.IsExit)
            break;
        text.Append(Encoding.UTF8.GetString(frame.Data.Span));
        if (text.ToString().Contains(marker, StringComparison.Ordinal))
            return;
        if (text.Length > 4096)
            text.Remove(0, text.Length - 64);
    }
    throw new InvalidOperationException($"no '{marker}' on the console");
}

static async Task<double> BareToLineAsync(string[] argv)
{
    long start = Stopwatch.GetTimestamp();
    using var qemu = StartQemu(argv);
    try
    {
        await ReadQemuUntilAsync(qemu, Marker);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    finally
    {
        qemu.Kill();
        await qemu.WaitForExitAsync();
    }
}

static async Task<long> BareIdleRssAsync(string[] argv)
{
    using var qemu = StartQemu(argv);
    try
    {
        await ReadQemuUntilAsync(qemu, Marker);
        await Task.Delay(2000);
        return ProcessMemory.RssKib(qemu.Id);
    }
    finally
    {
        qemu.Kill();
        await qemu.WaitForExitAsync();
    }
}

static Process StartQemu(string[] argv)
{
    var info = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
    foreach (string a in argv[1..])
        info.ArgumentList.Add(a);
    return Process.Start(info)!;
}

static async Task ReadQemuUntilAsync(Process qemu, string marker)
{
    using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));
    var buffer = new char[4096];
    var text = new StringBuilder();
    while (true)
    {
        int read = await qemu.StandardOutput.ReadAsync(buffer, cancel.Token);
        if (read == 0)
            throw new InvalidOperationException($"bare QEMU ended before '{marker}': {await qemu.StandardError.ReadToEndAsync()}");
        text.Append(buffer, 0, read);
        if (text.ToString().Contains(marker, StringComparison.Ordinal))
            return;
        if (text.Length > 4096)
            text.Remove(0, text.Length - 64);
    }
}

// The engine's argv after /dev/init's "--": the QEMU binary of the host (the image's is the same package), the guest's
// files from the extracted image, and no agent socket (its chardev and port).
static string[] BareArguments(string[] engineArgs, string guestDir)
{
    int dash = Array.IndexOf(engineArgs, "--");
    var args = engineArgs[(dash + 1)..].ToList();
    for (int i = 0; i < args.Count; i++)
        args[i] = args[i].Replace("/vm/", guestDir.TrimEnd('/') + "/", StringComparison.Ordinal);
    int agent = args.FindIndex(a => a.StartsWith("socket,id=agent", StringComparison.Ordinal));
    if (agent > 0)
        args.RemoveRange(agent - 1, 4); // -chardev socket,id=agent,... -device virtserialport,...
    return [.. args];
}

string Arg(string name, string? fallback = null) => ArgOrNull(name) ?? fallback ?? throw new ArgumentException($"{name} is required");
string? ArgOrNull(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
