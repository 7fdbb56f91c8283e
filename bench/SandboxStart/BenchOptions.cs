using System.Globalization;

namespace ContainerLab.Bench.SandboxStart;

/// <summary>Flags given by bench/sandbox-start/run.sh (which owns the daemon, the temp dirs and the cgroup prefix).</summary>
internal sealed record BenchOptions
{
    public required string Socket { get; init; }
    public required string StateDirectory { get; init; }
    public required int DaemonPid { get; init; }
    /// <summary>The bench's own cgroup prefix, e.g. /containerlab-bench-1a2b3c: the daemon's parent and the bare runs' parent.</summary>
    public required string CgroupPrefix { get; init; }
    /// <summary>A rootfs copy owned by <see cref="BareHostId"/> (root inside), shared by every bare bundle.</summary>
    public required string Rootfs { get; init; }
    public required uint BareHostId { get; init; }
    public required string WorkDirectory { get; init; }
    public int Runs { get; init; } = 50;
    public int Warmups { get; init; } = 5;
    public int Alive { get; init; } = 50;
    public string? MarkdownPath { get; init; }

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
        int Number(string name, int fallback) => flags.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions
        {
            Socket = Need("socket"),
            StateDirectory = Need("state-dir"),
            DaemonPid = int.Parse(Need("daemon-pid"), CultureInfo.InvariantCulture),
            CgroupPrefix = Need("cgroup-prefix"),
            Rootfs = Need("rootfs"),
            BareHostId = uint.Parse(Need("bare-host-id"), CultureInfo.InvariantCulture),
            WorkDirectory = Need("work-dir"),
            Runs = Number("runs", 50),
            Warmups = Number("warmups", 5),
            Alive = Number("alive", 50),
            MarkdownPath = flags.GetValueOrDefault("markdown"),
        };
    }
}
