using ContainerLab.Api.Units;
using ContainerLab.Web.Limits;

namespace ContainerLab.Web.Sessions;

/// <summary>The class server's limits, all settings (section "ContainerLab" or CONTAINERLAB__* variables), shown to students.</summary>
public sealed class WebOptions
{
    public const string Section = "ContainerLab";

    /// <summary>containerlabd's socket; CONTAINERLAB_SOCKET overrides it.</summary>
    public string Socket { get; set; } = "/run/containerlab/containerlabd.sock";

    public int MaxSessions { get; set; } = 50;
    public int NodesPerSession { get; set; } = 5;
    public int TerminalsPerNode { get; set; } = 4;
    /// <summary>
    /// VM nodes a student may add to a session (0: the button is not offered). Each boots a kernel under QEMU: seconds of
    /// a core and its RAM (<see cref="VmMemoryBytes"/>) plus 128 MiB for QEMU. The daemon has its own cap for the server.
    /// </summary>
    public int VmNodesPerSession { get; set; } = 1;
    /// <summary>A VM node's guest RAM when a student adds one (a lab's node says its own).</summary>
    public long VmMemoryBytes { get; set; } = 192L * 1024 * 1024;
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long before the idle timeout strikes the student is warned.</summary>
    public TimeSpan IdleWarning { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(4);

    public string Image { get; set; } = "busybox";
    /// <summary>Privilege profile of the nodes: "default", or "internals" for namespace labs (students run unshare).</summary>
    public string Profile { get; set; } = "default";
    public long NodeMemoryBytes { get; set; } = 256L * 1024 * 1024;
    public int NodePids { get; set; } = 256;
    public double NodeCpus { get; set; } = 1.0;
    public long NodeDiskBytes { get; set; } = 256L * 1024 * 1024;

    // Ceilings of this web tier, at most the daemon's (GET /v1/info `limits`): the smaller one bounds the limit
    // controls; one above the daemon's is lowered to it with a warning. Empty = the daemon's. Sizes as "384m", "1g", "512MiB".
    public string MaxNodeMemory { get; set; } = "";
    public double? MaxNodeCpus { get; set; }
    public long? MaxNodePids { get; set; }
    public string MaxNodeDisk { get; set; } = "";
    /// <summary>For the running nodes of one session together.</summary>
    public string MaxSessionMemory { get; set; } = "";
    public double? MaxSessionCpus { get; set; }
    public long? MaxSessionPids { get; set; }
    public string MaxSessionDisk { get; set; } = "";

    /// <summary>The labs folder (one sub-folder per lab); empty = the copy of the repository's labs/ next to the binaries.</summary>
    public string LabsDirectory { get; set; } = "";
    /// <summary>
    /// Where the web keeps its SQLite file (lab progress) and, in keys/, the keys that protect its cookies and forms; empty
    /// = "data" under the content root. Must be writable by the web's user. Two web instances need two of these.
    /// </summary>
    public string DataDirectory { get; set; } = "";
    /// <summary>
    /// Show the problems of labs that could not be loaded (file, line, what is wrong) on the catalogue. Off by default:
    /// they are for instructors, who also find them in the web's log and with `clabctl labs validate`.
    /// </summary>
    public bool ShowLabProblems { get; set; }

    /// <summary>
    /// The bearer token a Prometheus scraper sends for /metrics (its <c>authorization: credentials</c>); empty = only a
    /// signed-in instructor sees the metrics.
    /// </summary>
    public string MetricsToken { get; set; } = "";

    /// <summary><see cref="DataDirectory"/> as a full path (relative ones are under the content root).</summary>
    public string DataPath(string contentRoot) =>
        DataDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured, contentRoot) : Path.Combine(contentRoot, "data");

    /// <summary>What a new node gets (NodeMemoryBytes, NodeCpus, NodePids, NodeDiskBytes).</summary>
    public LimitValues NodeDefaults() => new(NodeMemoryBytes, NodeCpus, NodePids, NodeDiskBytes);

    /// <summary>The web's per-node ceilings; throws <see cref="FormatException"/> naming the setting for a size it cannot read.</summary>
    public LimitValues NodeCeiling() => Ceiling(MaxNodeMemory, MaxNodeCpus, MaxNodePids, MaxNodeDisk, LimitKind.Memory.NodeSetting, LimitKind.Disk.NodeSetting);

    public LimitValues SessionCeiling() => Ceiling(MaxSessionMemory, MaxSessionCpus, MaxSessionPids, MaxSessionDisk, LimitKind.Memory.SessionSetting, LimitKind.Disk.SessionSetting);

    private static LimitValues Ceiling(string memory, double? cpus, long? pids, string disk, string memorySetting, string diskSetting) => new(
        string.IsNullOrWhiteSpace(memory) ? long.MaxValue : Size.Parse(memory, memorySetting).Bytes,
        cpus ?? double.PositiveInfinity,
        pids ?? long.MaxValue,
        string.IsNullOrWhiteSpace(disk) ? long.MaxValue : Size.Parse(disk, diskSetting).Bytes);
}
