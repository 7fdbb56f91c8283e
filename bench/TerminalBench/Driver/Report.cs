using System.Globalization;
using System.Text;

namespace ContainerLab.Bench.TerminalBench;

/// <summary>The result as Markdown (printed, and pasted into docs/PERFORMANCE.md). InvariantGlobalization: numbers print invariantly.</summary>
internal sealed class Report
{
    public required BenchOptions Options { get; init; }
    public required IReadOnlyList<Contender> Contenders { get; init; }
    public required Contender Web { get; init; }
    public required Contender Bare { get; init; }
    public required Contender Circuit { get; init; }
    public required Contender CircuitBytes { get; init; }
    public required Samples DaemonEcho { get; init; }
    public required Samples BareNoBrowserEcho { get; init; }
    public required int Columns { get; init; }
    public required int Rows { get; init; }
    public required IReadOnlyList<(string State, long Web, long Bare, long Circuit, long Daemon)> Rss { get; init; }
    public required int IdleCount { get; init; }
    public required string Browser { get; init; }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine(($"Machine: {Machine()}, {Browser} headless (DOM renderer). Terminal {Columns}x{Rows}, "
            + $"load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}."));
        md.AppendLine();
        md.AppendLine(($"**Keystroke -> echo parsed** (keydown to xterm.js's write callback of the echo, in the page; {Options.Keystrokes} keys "
            + $"per contender in {Options.EchoRounds} interleaved rounds, {Options.KeyGapMs} ms apart):"));
        md.AppendLine();
        md.AppendLine("| contender | median ms | p95 ms | p99 ms | max ms | n | median / bare | p99 / bare |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in Contenders)
            md.AppendLine(($"| {c.Name} | {c.Echo.Median:0.00} | {c.Echo.P95:0.00} | {c.Echo.P99:0.00} | {c.Echo.Max:0.00} | {c.Echo.Count} | {c.Echo.Median / Bare.Echo.Median:0.00} | {c.Echo.P99 / Bare.Echo.P99:0.00} |"));
        var d = DaemonEcho;
        md.AppendLine(($"| (diagnostic) containerlabd attach alone: .NET client, send -> echo frame, no browser | {d.Median:0.00} | {d.P95:0.00} | {d.P99:0.00} | {d.Max:0.00} | {d.Count} | {d.Median / Bare.Echo.Median:0.00} | {d.P99 / Bare.Echo.P99:0.00} |"));
        var b = BareNoBrowserEcho;
        md.AppendLine(($"| (diagnostic) bare relay without a browser: .NET ClientWebSocket over TCP loopback, send -> echo frame | {b.Median:0.00} | {b.P95:0.00} | {b.P99:0.00} | {b.Max:0.00} | {b.Count} | {b.Median / Bare.Echo.Median:0.00} | {b.P99 / Bare.Echo.P99:0.00} |"));
        md.AppendLine();
        md.AppendLine("Where an echo's time goes (medians; the page's WebSocket send and message events, all in the page's clock):");
        md.AppendLine();
        md.AppendLine("| contender | keydown -> WebSocket send ms | send -> first message back (network, servers, pty) ms | message -> parsed by xterm ms | n |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var c in Contenders)
            md.AppendLine(($"| {c.Name} | {c.KeyToSend.Median:0.00} | {c.SendToReceive.Median:0.00} | {c.ReceiveToParsed.Median:0.00} | {c.KeyToSend.Count} |"));
        md.AppendLine();
        md.AppendLine("The same echo without a keyboard event (diagnostic: the page calls xterm's `term.input(letter)` from a timer, which is what "
            + "a keydown produces through onData; timed from that call to the echo parsed):");
        md.AppendLine();
        md.AppendLine("| contender | median ms | p95 ms | p99 ms | n | median / bare |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in Contenders)
            md.AppendLine(($"| {c.Name} | {c.EchoWithoutKeyboard.Median:0.00} | {c.EchoWithoutKeyboard.P95:0.00} | {c.EchoWithoutKeyboard.P99:0.00} | {c.EchoWithoutKeyboard.Count} | {c.EchoWithoutKeyboard.Median / Bare.EchoWithoutKeyboard.Median:0.00} |"));
        md.AppendLine();
        md.AppendLine(($"Target: median under 5 ms, p99 under 20 ms. Web: {Web.Echo.Median:0.00} / {Web.Echo.P99:0.00} ms: ")
            + (Web.Echo.Median < 5 && Web.Echo.P99 < 20 ? "**met**." : "**not met**."));
        md.AppendLine();
        md.AppendLine(($"**Output** (`head -c {Options.FloodBytes / 4 * 3} /dev/urandom | base64; echo MARKER`: Enter to the marker parsed, "
            + $"{Options.FloodRuns} runs per contender, interleaved; MB = 10^6 bytes reaching xterm.js, CR/LF included):"));
        md.AppendLine();
        md.AppendLine("| contender | median MB/s | min | max | MB per run | median / bare |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in Contenders)
            md.AppendLine(($"| {c.Name} | {c.Flood.Median:0.0} | {c.Flood.Min:0.0} | {c.Flood.Max:0.0} | {c.FloodBytes.Median / 1e6:0.0} | {c.Flood.Median / Bare.Flood.Median:0.00} |"));
        md.AppendLine();
        double ratio = Web.Flood.Median / Bare.Flood.Median;
        md.AppendLine(($"Target: not below the bare relay's by more than 20%. Web: {ratio:0.00}x bare: ") + (ratio >= 0.8 ? "**met**." : "**not met**."));
        md.AppendLine();
        md.AppendLine(($"**Hub or circuit**: echo median hub {Web.Echo.Median:0.00} ms, circuit {Circuit.Echo.Median:0.00} ms (base64) / "
            + $"{CircuitBytes.Echo.Median:0.00} ms (byte[]); p99 {Web.Echo.P99:0.00} / {Circuit.Echo.P99:0.00} / {CircuitBytes.Echo.P99:0.00} ms; "
            + $"output hub {Web.Flood.Median:0.0} MB/s, circuit {Circuit.Flood.Median:0.0} (base64) / {CircuitBytes.Flood.Median:0.0} (byte[]) MB/s."));
        md.AppendLine();

        md.AppendLine(($"**Server memory** (VmRSS of each process; {IdleCount} idle sessions: the web with the lab page open in {IdleCount} "
            + "browser contexts, then the same sandboxes through each relay, one kind of page open at a time):"));
        md.AppendLine();
        md.AppendLine("| state | web MiB | bare relay MiB | circuit relay MiB | containerlabd MiB |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var r in Rss)
            md.AppendLine(($"| {r.State} | {r.Web / 1024.0:0.0} | {r.Bare / 1024.0:0.0} | {r.Circuit / 1024.0:0.0} | {r.Daemon / 1024.0:0.0} |"));
        md.AppendLine();
        var beforeIdle = Rss.Single(r => r.State == "before idle sessions");
        var webOpen = Rss.Single(r => r.State.EndsWith(" web sessions open", StringComparison.Ordinal));
        var bareOpen = Rss.Single(r => r.State.EndsWith(" bare relay pages open", StringComparison.Ordinal));
        var circuitOpen = Rss.Single(r => r.State.EndsWith(" circuit relay pages open", StringComparison.Ordinal));
        int bareIndex = Rss.ToList().IndexOf(bareOpen), circuitIndex = Rss.ToList().IndexOf(circuitOpen);
        double webPer = (webOpen.Web - beforeIdle.Web) / (double)IdleCount;
        double barePer = (bareOpen.Bare - Rss[bareIndex - 1].Bare) / (double)IdleCount;
        double circuitPer = (circuitOpen.Circuit - Rss[circuitIndex - 1].Circuit) / (double)IdleCount;
        double daemonPer = (webOpen.Daemon - beforeIdle.Daemon) / (double)IdleCount;
        md.AppendLine(($"Per idle session: web {webPer:0} KiB, bare relay {barePer:0} KiB ({webPer / barePer:0.0}x), circuit relay {circuitPer:0} KiB; "
            + $"containerlabd {daemonPer:0} KiB per sandbox + attach. Target: under 2 MiB per idle session in the web: ")
            + (webPer < 2048 ? "**met**." : "**not met**."));
        return md.ToString();
    }

    private static string Machine()
    {
        string kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "cpu";
        long memKib = long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return ($"{Environment.ProcessorCount} x {cpu}, {memKib / 1024.0 / 1024:0} GiB, kernel {kernel}, .NET {Environment.Version}");
    }


}
