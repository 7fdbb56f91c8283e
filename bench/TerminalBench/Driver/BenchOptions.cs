using System.Globalization;

namespace ContainerLab.Bench.TerminalBench;

/// <summary>Flags given by bench/terminal/run.sh (which owns the daemon, the servers and the temp dirs) and its caller.</summary>
internal sealed record BenchOptions
{
    public required string Socket { get; init; }
    public required int DaemonPid { get; init; }
    public required Uri Web { get; init; }
    public required int WebPid { get; init; }
    public required Uri Bare { get; init; }
    public required int BarePid { get; init; }
    public required Uri Circuit { get; init; }
    public required int CircuitPid { get; init; }
    /// <summary>Echo samples per contender, split into <see cref="EchoRounds"/> interleaved rounds.</summary>
    public int Keystrokes { get; init; } = 500;
    public int EchoRounds { get; init; } = 5;
    public int KeyGapMs { get; init; } = 20;
    /// <summary>Bytes of base64 text each flood prints (before the pty's \n -> \r\n).</summary>
    public long FloodBytes { get; init; } = 50_000_000;
    public int FloodRuns { get; init; } = 3;
    public int PromptRuns { get; init; } = 20;
    public int IdleSessions { get; init; } = 50;
    public string? MarkdownPath { get; init; }
    /// <summary>Extra chromium switches (space-separated), for experiments; none by default.</summary>
    public IReadOnlyList<string> ChromiumArgs { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            flags[args[i][2..]] = args[i + 1];
        }
        if (args.Length % 2 != 0)
            throw new ArgumentException($"--{args[^1].TrimStart('-')} needs a value");
        string Need(string name) => flags.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");
        int Int(string name) => int.Parse(Need(name), CultureInfo.InvariantCulture);
        int Number(string name, int fallback) => flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions
        {
            Socket = Need("socket"),
            DaemonPid = Int("daemon-pid"),
            Web = new Uri(Need("web")),
            WebPid = Int("web-pid"),
            Bare = new Uri(Need("bare")),
            BarePid = Int("bare-pid"),
            Circuit = new Uri(Need("circuit")),
            CircuitPid = Int("circuit-pid"),
            Keystrokes = Number("keystrokes", 500),
            EchoRounds = Number("echo-rounds", 5),
            KeyGapMs = Number("key-gap-ms", 20),
            FloodBytes = flags.TryGetValue("flood-bytes", out var f) ? long.Parse(f, CultureInfo.InvariantCulture) : 50_000_000,
            FloodRuns = Number("flood-runs", 3),
            PromptRuns = Number("prompt-runs", 20),
            IdleSessions = Number("idle-sessions", 50),
            MarkdownPath = flags.GetValueOrDefault("markdown"),
            ChromiumArgs = flags.TryGetValue("chromium-args", out var extra) ? extra.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
        };
    }
}
