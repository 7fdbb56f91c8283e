namespace ContainerLab.Bench.InspectBench;

/// <summary>Flags given by bench/inspect/run.sh (which owns the daemon, the web and the temp dirs) and its caller.</summary>
internal sealed record BenchOptions
{
    public required string Socket { get; init; }
    public required int DaemonPid { get; init; }
    public required Uri Web { get; init; }
    public required int WebPid { get; init; }
    /// <summary>Sandboxes kept open (busybox: a shell on a pty and a sleep), watched or polled one each.</summary>
    public int Sandboxes { get; init; } = 30;
    /// <summary>Each daemon load (nobody follows, watched, polled) runs this long per round.</summary>
    public int PhaseSeconds { get; init; } = 10;
    /// <summary>Rounds of the three loads, each round in a rotated order; 2 x 10 s = 20 s per load.</summary>
    public int Rounds { get; init; } = 2;
    /// <summary>Samples of each change (a file touched, a process started) timed to the daemon's event.</summary>
    public int EventSamples { get; init; } = 30;
    /// <summary>Samples of a file touched, timed to the browser's overlay panel showing it.</summary>
    public int ScreenSamples { get; init; } = 20;
    /// <summary>Lab pages kept open (one session each) for the web's CPU per open page.</summary>
    public int Pages { get; init; } = 5;
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
            Sandboxes = flags.Number("sandboxes", 30),
            PhaseSeconds = flags.Number("phase-seconds", 10),
            Rounds = flags.Number("rounds", 2),
            EventSamples = flags.Number("event-samples", 30),
            ScreenSamples = flags.Number("screen-samples", 20),
            Pages = flags.Number("pages", 5),
            MarkdownPath = flags.Optional("markdown"),
            ChromiumArgs = flags.Optional("chromium-args")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        };
    }
}
