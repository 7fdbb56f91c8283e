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
    public int IdleSessions { get; init; } = 50;
    public string? MarkdownPath { get; init; }
    /// <summary>Extra chromium switches (space-separated), for experiments; none by default.</summary>
    public IReadOnlyList<string> ChromiumArgs { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var flags = new BenchFlags(args);
        return new BenchOptions
        {
            Socket = flags.Need("socket"),
            DaemonPid = flags.Int("daemon-pid"),
            Web = new Uri(flags.Need("web")),
            WebPid = flags.Int("web-pid"),
            Bare = new Uri(flags.Need("bare")),
            BarePid = flags.Int("bare-pid"),
            Circuit = new Uri(flags.Need("circuit")),
            CircuitPid = flags.Int("circuit-pid"),
            Keystrokes = flags.Number("keystrokes", 500),
            EchoRounds = flags.Number("echo-rounds", 5),
            KeyGapMs = flags.Number("key-gap-ms", 20),
            FloodBytes = flags.Long("flood-bytes", 50_000_000),
            FloodRuns = flags.Number("flood-runs", 3),
            IdleSessions = flags.Number("idle-sessions", 50),
            MarkdownPath = flags.Optional("markdown"),
            ChromiumArgs = flags.Optional("chromium-args")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        };
    }
}
