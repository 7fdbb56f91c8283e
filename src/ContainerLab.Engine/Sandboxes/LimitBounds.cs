using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// What this server allows, set by its operator: a floor and a ceiling for each sandbox (node), and a ceiling for the
/// sandboxes of one session together. Memory, CPUs, pids and disk add up per session; disk inodes and open files are
/// per node only (their <see cref="Session"/> fields are not used).
/// </summary>
public sealed record LimitBounds
{
    public SandboxLimits Floor { get; init; } = new()
    {
        MemoryBytes = 16 * SandboxLimits.MiB, Pids = 8, Cpus = 0.05, DiskBytes = 8 * SandboxLimits.MiB, DiskInodes = 1024, OpenFiles = 64,
    };

    public required SandboxLimits Node { get; init; }

    public required SandboxLimits Session { get; init; }

    /// <summary>
    /// How many nodes at the default limits a session must always be able to hold: the web's default nodes per session.
    /// </summary>
    public const int DefaultNodesPerSession = 5;

    /// <summary>
    /// Defaults for a class server of this size, where many sessions share the machine and limits are maxima, not
    /// reservations: a node gets at most all cores and an eighth of the RAM, a session all cores and a quarter of the
    /// RAM, but never less than <see cref="DefaultNodesPerSession"/> nodes at the default limits (CPU quotas are caps,
    /// so five nodes of one CPU each on two cores is a normal session, not an overcommitted one). Disk takes the
    /// memory figure (the host's free disk is not known here; --max-node-disk sets it). Never below the limits a
    /// sandbox gets when it asks for none.
    /// </summary>
    public static LimitBounds For(HostCapacity host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var defaults = SandboxLimits.Default;
        long nodeMemory = Math.Max(defaults.MemoryBytes, WholeMiB(host.MemoryBytes / 8));
        long sessionMemory = Math.Max(Math.Max(nodeMemory, WholeMiB(host.MemoryBytes / 4)), DefaultNodesPerSession * defaults.MemoryBytes);
        long sessionDisk = Math.Max(sessionMemory, DefaultNodesPerSession * defaults.DiskBytes);
        double cores = Math.Max(1, host.Cores);
        return new LimitBounds
        {
            Node = new SandboxLimits { MemoryBytes = nodeMemory, Cpus = cores, Pids = 1024, DiskBytes = nodeMemory, DiskInodes = 1_000_000, OpenFiles = 65536 },
            Session = new SandboxLimits
            {
                MemoryBytes = sessionMemory, Cpus = Math.Max(cores, DefaultNodesPerSession * defaults.Cpus),
                Pids = Math.Max(4096, DefaultNodesPerSession * defaults.Pids), DiskBytes = sessionDisk, DiskInodes = 1_000_000, OpenFiles = 65536,
            },
        };
    }

    /// <summary>
    /// The bounds an operator's settings give: a node never gets more than its session may have, and the limits a
    /// sandbox gets by default must be allowed (else every plain `clabctl run` would be refused).
    /// </summary>
    public LimitBounds Checked()
    {
        var node = Node with
        {
            MemoryBytes = Math.Min(Node.MemoryBytes, Session.MemoryBytes),
            Cpus = Math.Min(Node.Cpus, Session.Cpus),
            Pids = Math.Min(Node.Pids, Session.Pids),
            DiskBytes = Math.Min(Node.DiskBytes, Session.DiskBytes),
        };
        var checkedBounds = this with { Node = node };
        foreach (var limit in LimitKind.All)
        {
            long ceiling = limit.Read(node), byDefault = limit.Read(SandboxLimits.Default);
            if (ceiling < byDefault)
                throw new InvalidRequestException($"the {limit.Name} ceiling {limit.Format(ceiling)} is below what a sandbox gets by default, {limit.Format(byDefault)}");
        }
        return checkedBounds;
    }

    /// <summary>Every limit between the floor and the per-node ceiling.</summary>
    public void RequireWithinNode(SandboxLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!double.IsFinite(limits.Cpus))
            throw new InvalidRequestException("cpus must be a number of cores such as 0.5");
        foreach (var limit in LimitKind.All)
        {
            long value = limit.Read(limits);
            if (value < limit.Read(Floor))
                throw new LimitExceededException(limit, LimitScope.Floor, value, limit.Read(Floor));
            if (value > limit.Read(Node))
                throw new LimitExceededException(limit, LimitScope.Node, value, limit.Read(Node));
        }
    }

    /// <summary>
    /// <paramref name="limits"/> together with the limits of the session's other sandboxes within the per-session
    /// ceiling. A sandbox in no session is a session of its own.
    /// </summary>
    public void RequireWithinSession(SandboxLimits limits, string? session, IEnumerable<SandboxLimits> others)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var peers = others.ToList();
        foreach (var limit in LimitKind.All.Where(l => l.SummedPerSession))
        {
            long value = limit.Read(limits);
            long total = value + peers.Sum(limit.Read);
            if (total > limit.Read(Session))
                throw new LimitExceededException(limit, LimitScope.Session, value, limit.Read(Session), session, total);
        }
    }

    private static long WholeMiB(long bytes) => bytes / SandboxLimits.MiB * SandboxLimits.MiB;
}
