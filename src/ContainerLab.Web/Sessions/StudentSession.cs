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

    /// <summary>Adds a node, or puts it where the node of its name was (a reset keeps the node's place in the list).</summary>
    internal void Add(Node node)
    {
        lock (_nodes)
        {
            int index = _nodes.FindIndex(n => n.Name == node.Name);
            if (index < 0)
                _nodes.Add(node);
            else
                _nodes[index] = node;
        }
    }

    internal bool Remove(string name)
    {
        lock (_nodes) return _nodes.RemoveAll(n => n.Name == name) > 0;
    }

    /// <summary>Raised (with the node's name) once a node was replaced by a fresh one: the page re-attaches its terminal.</summary>
    public event Action<string>? NodeReset;

    /// <summary>
    /// The node <paramref name="name"/> was made afresh: its extra terminals (shells of the old sandbox) and which steps
    /// were set up are forgotten (the setups run again), and the page is told.
    /// </summary>
    internal void Reset(string name)
    {
        lock (_terminals) _terminals.Remove(name);
        lock (_setUp) _setUp.Clear();
        NodeReset?.Invoke(name);
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

    private readonly Dictionary<(string Node, string Terminal), (int Columns, int Rows)> _sizes = [];

    /// <summary>The size the student's page last gave a terminal (an instructor's watch shows it at that size).</summary>
    public (int Columns, int Rows) SizeOf(string node, string terminal)
    {
        lock (_sizes) return _sizes.GetValueOrDefault((node, terminal), (80, 24));
    }

    internal void Resized(string node, string terminal, int columns, int rows)
    {
        lock (_sizes) _sizes[(node, terminal)] = (columns, rows);
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
