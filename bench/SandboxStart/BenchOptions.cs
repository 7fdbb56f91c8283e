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
        var flags = new BenchFlags(args);
        return new BenchOptions
        {
            Socket = flags.Need("socket"),
            StateDirectory = flags.Need("state-dir"),
            DaemonPid = flags.Int("daemon-pid"),
            CgroupPrefix = flags.Need("cgroup-prefix"),
            Rootfs = flags.Need("rootfs"),
            BareHostId = uint.Parse(flags.Need("bare-host-id"), CultureInfo.InvariantCulture),
            WorkDirectory = flags.Need("work-dir"),
            Runs = flags.Number("runs", 50),
            Warmups = flags.Number("warmups", 5),
            Alive = flags.Number("alive", 50),
            MarkdownPath = flags.Optional("markdown"),
        };
    }
}
