using ContainerLab.Api.Contracts;
using ContainerLab.Web.Components.Kernel.Chain;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Components.Workspaces;

/// <summary>
/// What the workspace shows and does, without rendering: the session's nodes, the selected node and terminal,
/// adding and removing nodes and terminals within the limits, the deadline. Errors become a message for the student.
/// A node added is traced into <paramref name="chain"/> (the chain picture) when there is one.
/// </summary>
public sealed class WorkspaceModel(SessionRegistry sessions, StudentSession session, TimeProvider time, ContainerLab.Web.Sandboxes.SandboxHostErrors errors,
    ChainLog? chain = null)
{
    public StudentSession Session => session;
    public IReadOnlyList<Node> Nodes => session.Nodes;
    public string? SelectedNode { get; private set; } = session.Nodes.FirstOrDefault()?.Name;
    public string SelectedTerminal { get; private set; } = "init";
    public string? Message { get; private set; }
    public bool Busy { get; private set; }

    public int MaxNodes => sessions.AllowanceOf(session).Nodes;
    public int MaxTerminals => sessions.Options.TerminalsPerNode;
    public bool CanAddNode => !Busy && Nodes.Count < MaxNodes;
    public int MaxVmNodes => sessions.AllowanceOf(session).VmNodes;
    public bool CanAddVm => CanAddNode && Nodes.Count(n => n.IsVm) < MaxVmNodes;
    /// <summary>A VM node has one terminal, its guest's console: a second would be a shell beside QEMU, not in the guest.</summary>
    public bool CanOpenTerminal => !Busy && SelectedNode is not null && session.Find(SelectedNode) is { IsVm: false }
        && session.TerminalsOf(SelectedNode).Count < MaxTerminals;
    public IReadOnlyList<string> TerminalsOf(string node) => session.TerminalsOf(node);

    public SessionDeadline Deadline => sessions.DeadlineOf(session);
    public bool Warning => time.GetUtcNow() >= Deadline.WarnFrom;
    public DateTimeOffset Now => time.GetUtcNow();

    public void Select(string node, string terminal = "init")
    {
        if (session.Find(node) is null || !session.TerminalsOf(node).Contains(terminal))
            return;
        SelectedNode = node;
        SelectedTerminal = terminal;
        session.Touch(time.GetUtcNow());
    }

    /// <summary>A node was made afresh (its instructor reset it): its extra terminals are gone, so its first one is shown.</summary>
    public void NodeWasReset(string node)
    {
        if (SelectedNode == node && !session.TerminalsOf(node).Contains(SelectedTerminal))
            SelectedTerminal = "init";
        Message = $"{node} was reset to the lab's start by your instructor: a fresh node, your progress kept.";
    }

    public Task AddNodeAsync() => RunAsync("add a node", async () =>
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (node, timing) = await sessions.AddNodeAsync(session, CancellationToken.None);
        Select(node.Name);
        chain?.Record(ChainRequestKind.NodeStart, $"start {node.Name}", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, timing);
    });

    public Task AddVmNodeAsync() => RunAsync("add a VM node", async () =>
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (node, timing) = await sessions.AddVmNodeAsync(session, CancellationToken.None);
        Select(node.Name);
        chain?.Record(ChainRequestKind.NodeStart, $"start {node.Name} (VM)", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, timing);
    });

    public Task RemoveNodeAsync(string node) => RunAsync($"remove node {node}", async () =>
    {
        await sessions.RemoveNodeAsync(session, node, CancellationToken.None);
        if (SelectedNode == node)
            Select(Nodes.FirstOrDefault()?.Name ?? "");
        if (Nodes.Count == 0)
            SelectedNode = null;
    });

    public Task OpenTerminalAsync(int columns, int rows) => RunAsync("open a terminal", async () =>
    {
        if (SelectedNode is not string node)
            return;
        string terminal = await sessions.OpenTerminalAsync(session, node, new TerminalSizeDto(columns, rows), CancellationToken.None);
        Select(node, terminal);
    });

    /// <summary>Keeps the session alive (the student is here) — called on clicks, like terminal input does.</summary>
    public void Touch() => session.Touch(time.GetUtcNow());

    private async Task RunAsync(string what, Func<Task> action)
    {
        Busy = true;
        Message = null;
        try
        {
            await action();
        }
        catch (SessionLimitException e)
        {
            Message = e.Message;
        }
        catch (Exception e) when (ContainerLab.Web.Sandboxes.SandboxHostFailure.Is(e))
        {
            var failure = errors.Report($"{what} in session {session.Network}", e);
            Message = failure.HostAnswered ? $"The sandbox host refused: {failure.Reason}" : "The sandbox host is not reachable right now.";
        }
        finally
        {
            Busy = false;
        }
    }
}
