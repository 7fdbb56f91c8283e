using System.Collections.Concurrent;
using System.Security.Cryptography;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sandboxes;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Sessions;

/// <summary>
/// The class server's sessions: start one (with its first node), add and remove nodes within the limits, end
/// idle or too-old ones. Sessions live in memory; their sandboxes live in containerlabd. Tokens are 128 random bits.
/// </summary>
public sealed partial class SessionRegistry(ISandboxHost host, IOptions<WebOptions> options, EffectiveLimitsCache limits, TimeProvider time,
    ILogger<SessionRegistry> logger)
{
    private readonly ConcurrentDictionary<string, StudentSession> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _startGate = new(1, 1);

    /// <summary>Session networks made by the web start with this, so the web can recognise its own sandboxes.</summary>
    public const string NetworkPrefix = "web-";

    public WebOptions Options => options.Value;
    public int Count => _sessions.Count;
    /// <summary>Nodes of all open sessions (for the metrics).</summary>
    public int NodeCount => _sessions.Values.Sum(s => s.Nodes.Count);

    public StudentSession? Find(string? token) =>
        token is { Length: 32 } && _sessions.TryGetValue(token, out var session) ? session : null;

    /// <summary>A new session with node1 running. Throws <see cref="ServerFullException"/> when every slot is taken.</summary>
    public Task<StudentSession> StartAsync(CancellationToken cancellationToken) => StartAsync(lab: null, learner: null, cancellationToken);

    /// <summary>
    /// A new session; for a guided lab, with the lab's nodes (their images, profiles and limits), else with node1.
    /// Throws <see cref="ServerFullException"/> when every slot is taken.
    /// </summary>
    public async Task<StudentSession> StartAsync(ContainerLab.Labs.Format.Lab? lab, string? learner, CancellationToken cancellationToken,
        SessionAllowance? allowance = null)
    {
        StudentSession session;
        await _startGate.WaitAsync(cancellationToken);
        try
        {
            if (_sessions.Count >= Options.MaxSessions)
                throw new ServerFullException(_sessions.Count, Options.MaxSessions);
            session = new StudentSession(
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                NetworkPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
                time.GetUtcNow(),
                lab?.Id,
                learner,
                allowance);
            _sessions[session.Token] = session;
        }
        finally
        {
            _startGate.Release();
        }
        try
        {
            if (lab is null)
                await AddNodeAsync(session, cancellationToken);
            foreach (var node in lab?.Nodes ?? [])
                await CreateLabNodeAsync(session, node, cancellationToken);
            return session;
        }
        catch
        {
            await EndAsync(session, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Adds a node to the session; with how long the daemon's create took (the chain picture).</summary>
    /// <summary>What the session may use: its class's allowance, else the server's settings.</summary>
    public SessionAllowance AllowanceOf(StudentSession session) => session.Allowance ?? SessionAllowance.Server(Options);

    public async Task<Traced<Node>> AddNodeAsync(StudentSession session, CancellationToken cancellationToken)
    {
        var allowance = AllowanceOf(session);
        if (session.Nodes.Count >= allowance.Nodes)
            throw new SessionLimitException($"a session has at most {allowance.Nodes} nodes");
        return await CreateDefaultNodeAsync(session, session.NextNodeName("node"), cancellationToken);
    }

    /// <summary>Adds a VM node (busybox guest, its own kernel) to the session, within the session's VM count.</summary>
    public async Task<Traced<Node>> AddVmNodeAsync(StudentSession session, CancellationToken cancellationToken)
    {
        var allowance = AllowanceOf(session);
        if (session.Nodes.Count >= allowance.Nodes)
            throw new SessionLimitException($"a session has at most {allowance.Nodes} nodes");
        if (session.Nodes.Count(n => n.IsVm) >= allowance.VmNodes)
            throw new SessionLimitException(allowance.VmNodes == 0
                ? "this server offers no VM nodes"
                : $"a session has at most {allowance.VmNodes} VM node{(allowance.VmNodes == 1 ? "" : "s")}: each boots a kernel of its own");
        return await CreateVmNodeAsync(session, session.NextNodeName("vm"), cancellationToken);
    }

    /// <summary>A lab's node: its image, profile, limits and kind.</summary>
    private async Task<Traced<Node>> CreateLabNodeAsync(StudentSession session, ContainerLab.Labs.Format.LabNode node, CancellationToken cancellationToken) =>
        await CreateNodeAsync(session, node.Name, node.Image, node.Profile,
            await NodeLimitsAsync(session, node.MemoryBytes, node.Pids, node.Cpus, cancellationToken), cancellationToken, node.Kind);

    /// <summary>The server's default node (its image and profile, the default limits).</summary>
    private async Task<Traced<Node>> CreateDefaultNodeAsync(StudentSession session, string name, CancellationToken cancellationToken) =>
        await CreateNodeAsync(session, name, Options.Image, Options.Profile, await NodeLimitsAsync(session, null, null, null, cancellationToken), cancellationToken);

    /// <summary>The server's VM node: a busybox guest with its own kernel.</summary>
    private async Task<Traced<Node>> CreateVmNodeAsync(StudentSession session, string name, CancellationToken cancellationToken) =>
        await CreateNodeAsync(session, name, "busybox", "default",
            await NodeLimitsAsync(session, Options.VmMemoryBytes, null, null, cancellationToken), cancellationToken, ContainerLab.Labs.Format.LabNode.Vm);

    /// <summary>
    /// A new node's limits: what a lab asks for, else the node defaults (NodeMemoryBytes, ...), within this server's
    /// effective per-node ceilings (a lab written for a bigger server gets the ceiling, not a refusal). With the
    /// session's running nodes it must stay within the per-session ceiling: the daemon checks its own, the web its lower
    /// one here (the daemon does not know it).
    /// </summary>
    private async Task<LimitsDto> NodeLimitsAsync(StudentSession session, long? memoryBytes, int? pids, double? cpus, CancellationToken cancellationToken)
    {
        var effective = await limits.GetAsync(cancellationToken);
        // A class's node limits are its students' defaults and their ceiling, within the server's.
        var ceiling = AllowanceOf(session).NodeLimits is { } allowed ? effective.Node.Min(allowed) : effective.Node;
        var defaults = AllowanceOf(session).NodeLimits?.Min(effective.Node) ?? effective.NodeDefaults;
        var wanted = new LimitValues(memoryBytes ?? defaults.MemoryBytes, cpus ?? defaults.Cpus, pids ?? defaults.Pids, defaults.DiskBytes).Min(ceiling);
        var share = NodeShare.Of(effective, (await host.ListAsync(cancellationToken))
            .Where(s => s.Session == session.Network && s.State != "exited")
            .Select(s => LimitValues.From(s.Limits, LimitValues.Zero)));
        foreach (var kind in LimitKind.All)
        {
            if (share.Refusal(kind, kind.Read(wanted)) is { } refusal)
                throw new SessionLimitException($"cannot add a node: {refusal}");
        }
        return new LimitsDto { MemoryBytes = wanted.MemoryBytes, Pids = (int)wanted.Pids, Cpus = wanted.Cpus, DiskBytes = wanted.DiskBytes };
    }

    private async Task<Traced<Node>> CreateNodeAsync(StudentSession session, string name, string image, string profile, LimitsDto limits,
        CancellationToken cancellationToken, string kind = ContainerLab.Labs.Format.LabNode.Container)
    {
        var (sandbox, timing) = await host.CreateNodeAsync(StudentNode.Request(image, name, profile, session.Network, limits, kind), cancellationToken);
        var node = new Node(name, sandbox.Id, sandbox.Address, time.GetUtcNow(), kind);
        session.Add(node);
        session.Touch(time.GetUtcNow());
        return new Traced<Node>(node, timing);
    }

    public async Task RemoveNodeAsync(StudentSession session, string name, CancellationToken cancellationToken)
    {
        var node = session.Find(name) ?? throw new SessionLimitException($"this session has no node named '{name}'");
        await host.RemoveAsync(node.SandboxId, cancellationToken);
        session.Remove(name);
    }

    /// <summary>
    /// Replaces a node by a fresh one of the same name, as its session first made it: the lab's node (image, profile,
    /// limits, kind) for a lab's session, else the default node or VM. What the student did in it is gone; their progress
    /// stays (it is in the database, not in the node). The page re-attaches and the step's setup runs again.
    /// </summary>
    public async Task<Node> ResetNodeAsync(StudentSession session, string name, ContainerLab.Labs.Format.Lab? lab, CancellationToken cancellationToken)
    {
        var old = session.Find(name) ?? throw new SessionLimitException($"this session has no node named '{name}'");
        await host.RemoveAsync(old.SandboxId, cancellationToken);
        var (fresh, _) = lab?.Nodes.FirstOrDefault(n => n.Name == name) is { } spec ? await CreateLabNodeAsync(session, spec, cancellationToken)
            : old.IsVm ? await CreateVmNodeAsync(session, name, cancellationToken)
            : await CreateDefaultNodeAsync(session, name, cancellationToken);
        session.Reset(name);
        return fresh;
    }

    /// <summary>Opens another terminal (a new shell) on a node of the session; returns its id.</summary>
    public async Task<string> OpenTerminalAsync(StudentSession session, string node, TerminalSizeDto size, CancellationToken cancellationToken)
    {
        var target = session.Find(node) ?? throw new SessionLimitException($"this session has no node named '{node}'");
        if (session.TerminalsOf(node).Count >= Options.TerminalsPerNode)
            throw new SessionLimitException($"a node has at most {Options.TerminalsPerNode} terminals");
        var process = await host.OpenTerminalAsync(target.SandboxId, size, cancellationToken);
        session.AddTerminal(node, process.Id);
        session.Touch(time.GetUtcNow());
        return process.Id;
    }

    /// <summary>Removes the session and all its sandboxes (idle timeout, maximum age, or the student leaving).</summary>
    public async Task EndAsync(StudentSession session, CancellationToken cancellationToken)
    {
        _sessions.TryRemove(session.Token, out _);
        foreach (var node in session.Nodes)
        {
            try { await host.RemoveAsync(node.SandboxId, cancellationToken); }
            catch (Exception e) when (e is ContainerLab.Api.Client.ContainerLabApiException or HttpRequestException) { LogRemoveFailed(logger, node.SandboxId, e.Message); }
            session.Remove(node.Name);
        }
    }

    /// <summary>
    /// Removes sandboxes the web made for sessions it no longer knows: sessions live in memory, so after a restart
    /// of the web their sandboxes would otherwise stay in the daemon until it restarts. One web tier per daemon.
    /// </summary>
    public async Task<int> RemoveOrphansAsync(CancellationToken cancellationToken)
    {
        var known = _sessions.Values.Select(s => s.Network).ToHashSet(StringComparer.Ordinal);
        int removed = 0;
        foreach (var sandbox in await host.ListAsync(cancellationToken))
        {
            if (sandbox.Session is { } network && network.StartsWith(NetworkPrefix, StringComparison.Ordinal) && !known.Contains(network))
            {
                await host.RemoveAsync(sandbox.Id, cancellationToken);
                removed++;
            }
        }
        return removed;
    }

    /// <summary>When the session ends on its own, and from when to warn.</summary>
    public SessionDeadline DeadlineOf(StudentSession session)
    {
        var idle = session.LastActivity + AllowanceOf(session).IdleTimeout;
        var age = session.CreatedAt + Options.MaxAge;
        var end = idle < age ? idle : age;
        return new SessionDeadline(end, end - Options.IdleWarning, idle < age ? "idle" : "age");
    }

    /// <summary>The sessions whose work belongs to one of <paramref name="learners"/> (a class's students).</summary>
    public IReadOnlyList<StudentSession> OfLearners(IReadOnlySet<string> learners) =>
        [.. _sessions.Values.Where(s => s.Learner is { } learner && learners.Contains(learner))];

    /// <summary>The learner's live session, the one they used last when several are open (another browser's included).</summary>
    public StudentSession? LatestOf(string learner) =>
        _sessions.Values.Where(s => s.Learner == learner).MaxBy(s => s.LastActivity);

    public IReadOnlyList<StudentSession> Expired() =>
        [.. _sessions.Values.Where(s => DeadlineOf(s).EndsAt <= time.GetUtcNow())];

    [LoggerMessage(101, LogLevel.Warning, "Could not remove sandbox {SandboxId}: {Error}")]
    private static partial void LogRemoveFailed(ILogger logger, string sandboxId, string error);
}

/// <summary>When a session ends (whichever comes first: idle timeout or maximum age) and when to start warning.</summary>
public sealed record SessionDeadline(DateTimeOffset EndsAt, DateTimeOffset WarnFrom, string Reason);
