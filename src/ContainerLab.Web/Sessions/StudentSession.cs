namespace ContainerLab.Web.Sessions;

/// <summary>
/// One student's session: a secret token (kept in an HttpOnly cookie), a network name for its sandboxes, and
/// its nodes. Accounts come later; for now the cookie is the identity, and a session only ever reaches its own nodes.
/// </summary>
public sealed class StudentSession(string token, string network, DateTimeOffset createdAt, string? labId = null, string? learner = null,
    SessionAllowance? allowance = null)
{
    /// <summary>What this session may use when it is not the server's settings (a class's students); null: the server's.</summary>
    public SessionAllowance? Allowance { get; } = allowance;

    /// <summary>The browser's learner id (lab progress is kept under it); null when it sent none.</summary>
    public string? Learner { get; } = learner;

    /// <summary>The guided lab this session was started for (its nodes are the lab's), or null for a free session.</summary>
    public string? LabId { get; } = labId;

    private readonly List<Node> _nodes = [];

    /// <summary>128 random bits, hex: the cookie's value. Never shown to other sessions or logged.</summary>
    public string Token { get; } = token;

    /// <summary>The daemon-side session (network) name: a DNS label unrelated to the token.</summary>
    public string Network { get; } = network;

    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset LastActivity { get; private set; } = createdAt;

    public IReadOnlyList<Node> Nodes
    {
        get { lock (_nodes) return [.. _nodes]; }
    }

    public void Touch(DateTimeOffset now) => LastActivity = now;

    private readonly HashSet<string> _setUp = [];

    /// <summary>True the first time for a step: its setup script runs once per session (the nodes are the session's).</summary>
    internal bool FirstSetUp(string step)
    {
        lock (_setUp) return _setUp.Add(step);
    }

    internal void Add(Node node)
    {
        lock (_nodes) _nodes.Add(node);
    }

    internal bool Remove(string name)
    {
        lock (_nodes) return _nodes.RemoveAll(n => n.Name == name) > 0;
    }

    /// <summary>Terminal tabs opened on a node besides its first ("init"), in order.</summary>
    private readonly Dictionary<string, List<string>> _terminals = [];

    public IReadOnlyList<string> TerminalsOf(string node)
    {
        lock (_terminals)
            return ["init", .. _terminals.GetValueOrDefault(node) ?? []];
    }

    internal void AddTerminal(string node, string terminal)
    {
        lock (_terminals)
        {
            if (!_terminals.TryGetValue(node, out var list))
                _terminals[node] = list = [];
            list.Add(terminal);
        }
    }

    public Node? Find(string name)
    {
        lock (_nodes) return _nodes.FirstOrDefault(n => n.Name == name);
    }

    /// <summary>The lowest free nodeN name (node1, node2, ... like Play with Docker).</summary>
    /// <summary>The first of prefix1, prefix2, ... that no node has ("node", or "vm" for VM nodes).</summary>
    internal string NextNodeName(string prefix)
    {
        lock (_nodes)
            return Enumerable.Range(1, int.MaxValue).Select(i => $"{prefix}{i}").First(n => _nodes.All(x => x.Name != n));
    }
}

/// <summary>A sandbox of a session, known by its name in the session (node1) and its daemon id.</summary>
/// <param name="Kind">"container" or "vm" (a VM node's terminal is its guest's console: one tab, no exec).</param>
public sealed record Node(string Name, string SandboxId, string? Address, DateTimeOffset CreatedAt, string Kind = "container")
{
    public bool IsVm => Kind == "vm";
}
