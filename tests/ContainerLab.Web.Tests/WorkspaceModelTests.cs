using ContainerLab.Web.Components.Workspaces;
using ContainerLab.Web.Tests.Fakes;

namespace ContainerLab.Web.Tests;

public sealed class WorkspaceModelTests
{
    private static async Task<(TestSessions Lab, WorkspaceModel Model)> StartAsync(Action<Sessions.WebOptions>? configure = null)
    {
        var lab = new TestSessions(configure);
        var session = await lab.StartAsync();
        return (lab, new WorkspaceModel(lab.Registry, session, lab.Time, lab.Errors));
    }

    [Fact]
    public async Task A_new_session_has_node1_selected_on_its_first_terminal()
    {
        var (lab, model) = await StartAsync();

        Assert.Equal("node1", Assert.Single(model.Nodes).Name);
        Assert.Equal("sb-0001", model.Nodes[0].SandboxId);
        Assert.Equal("10.88.0.3", model.Nodes[0].Address);
        Assert.Equal("node1", model.SelectedNode);
        Assert.Equal("init", model.SelectedTerminal);
        Assert.Null(model.Message);
        Assert.Single(lab.Host.Created);
    }

    [Fact]
    public async Task Adds_nodes_up_to_the_limit_then_says_so()
    {
        var (lab, model) = await StartAsync(o => o.NodesPerSession = 3);

        await model.AddNodeAsync();
        await model.AddNodeAsync();
        Assert.Equal(["node1", "node2", "node3"], model.Nodes.Select(n => n.Name));
        Assert.Equal("node3", model.SelectedNode);
        Assert.False(model.CanAddNode);

        await model.AddNodeAsync();

        Assert.Equal("a session has at most 3 nodes", model.Message);
        Assert.Equal(3, model.Nodes.Count);
        Assert.Equal(3, lab.Host.Created.Count);
    }

    [Fact]
    public async Task Fifty_nodes_fit_when_the_limit_is_fifty()
    {
        var (lab, model) = await StartAsync(o => o.NodesPerSession = 50);

        for (int i = 1; i < 50; i++)
            await model.AddNodeAsync();

        Assert.Null(model.Message);
        Assert.Equal(50, model.Nodes.Count);
        Assert.Equal(50, model.Nodes.Select(n => n.Address).Distinct().Count());
        Assert.Equal("node50", model.SelectedNode);
        Assert.False(model.CanAddNode);
        Assert.All(lab.Host.Created, r => Assert.Equal(model.Session.Network, r.Session));
    }

    [Fact]
    public async Task Removing_the_selected_node_selects_another()
    {
        var (lab, model) = await StartAsync();
        await model.AddNodeAsync();
        Assert.Equal("node2", model.SelectedNode);

        await model.RemoveNodeAsync("node2");

        Assert.Equal(["sb-0002"], lab.Host.Removed);
        Assert.Equal("node1", model.SelectedNode);
        Assert.Equal("init", model.SelectedTerminal);
        Assert.Equal(["node1"], model.Nodes.Select(n => n.Name));
    }

    [Fact]
    public async Task Removing_another_node_keeps_the_selection()
    {
        var (_, model) = await StartAsync();
        await model.AddNodeAsync();
        await model.AddNodeAsync();
        model.Select("node2");

        await model.RemoveNodeAsync("node3");

        Assert.Equal("node2", model.SelectedNode);
    }

    [Fact]
    public async Task Removing_the_last_node_selects_nothing_and_a_new_node_is_node1_again()
    {
        var (lab, model) = await StartAsync();

        await model.RemoveNodeAsync("node1");

        Assert.Empty(model.Nodes);
        Assert.Null(model.SelectedNode);
        Assert.False(model.CanOpenTerminal);
        await model.OpenTerminalAsync(80, 24);
        Assert.Empty(lab.Host.TerminalsOpened);

        await model.AddNodeAsync();
        Assert.Equal("node1", model.SelectedNode);
        Assert.Equal("sb-0002", model.Nodes[0].SandboxId);
    }

    [Fact]
    public async Task Removing_an_unknown_node_is_a_message()
    {
        var (lab, model) = await StartAsync();

        await model.RemoveNodeAsync("node9");

        Assert.Equal("this session has no node named 'node9'", model.Message);
        Assert.Empty(lab.Host.Removed);
    }

    [Fact]
    public async Task Opens_terminals_up_to_the_limit_then_says_so()
    {
        var (lab, model) = await StartAsync(o => o.TerminalsPerNode = 3);

        await model.OpenTerminalAsync(120, 40);
        await model.OpenTerminalAsync(120, 40);

        Assert.Equal(["init", "p1", "p2"], model.TerminalsOf("node1"));
        Assert.Equal("p2", model.SelectedTerminal);
        Assert.False(model.CanOpenTerminal);
        Assert.All(lab.Host.TerminalsOpened, t => Assert.Equal(("sb-0001", new Api.Contracts.TerminalSizeDto(120, 40)), t));

        await model.OpenTerminalAsync(120, 40);

        Assert.Equal("a node has at most 3 terminals", model.Message);
        Assert.Equal(2, lab.Host.TerminalsOpened.Count);
        Assert.Equal(3, model.TerminalsOf("node1").Count);
    }

    [Fact]
    public async Task Terminals_are_counted_per_node()
    {
        var (_, model) = await StartAsync(o => o.TerminalsPerNode = 2);
        await model.OpenTerminalAsync(80, 24);
        Assert.False(model.CanOpenTerminal);

        await model.AddNodeAsync();

        Assert.Equal("node2", model.SelectedNode);
        Assert.True(model.CanOpenTerminal);
        Assert.Equal(["init"], model.TerminalsOf("node2"));
    }

    [Fact]
    public async Task Selecting_an_unknown_node_or_terminal_changes_nothing()
    {
        var (_, model) = await StartAsync();

        model.Select("node7");
        model.Select("node1", "p99");

        Assert.Equal("node1", model.SelectedNode);
        Assert.Equal("init", model.SelectedTerminal);
    }

    [Fact]
    public async Task A_refusal_of_the_host_becomes_a_message_and_busy_ends()
    {
        var (lab, model) = await StartAsync();
        lab.Host.Failure = FakeSandboxHost.Refused("no space left for a new node");

        await model.AddNodeAsync();

        Assert.Equal("The sandbox host refused: no space left for a new node", model.Message);
        Assert.False(model.Busy);
        Assert.True(model.CanAddNode);
        Assert.Single(model.Nodes);
    }

    [Fact]
    public async Task An_unreachable_host_becomes_a_message_and_the_next_success_clears_it()
    {
        var (lab, model) = await StartAsync();
        lab.Host.Failure = new HttpRequestException("connection refused");

        await model.OpenTerminalAsync(80, 24);

        Assert.Equal("The sandbox host is not reachable right now.", model.Message);
        Assert.False(model.Busy);
        Assert.Equal(["init"], model.TerminalsOf("node1"));

        lab.Host.Failure = null;
        await model.OpenTerminalAsync(80, 24);
        Assert.Null(model.Message);
        Assert.Equal("p1", model.SelectedTerminal);
    }

    [Fact]
    public async Task While_a_call_is_in_flight_the_model_is_busy_and_adds_nothing_more()
    {
        var (lab, model) = await StartAsync();
        lab.Host.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var adding = model.AddNodeAsync();

        Assert.True(model.Busy);
        Assert.False(model.CanAddNode);
        Assert.False(model.CanOpenTerminal);
        lab.Host.Gate.SetResult();
        await adding;
        Assert.False(model.Busy);
        Assert.Equal(2, model.Nodes.Count);
    }

    [Fact]
    public async Task Warning_starts_when_time_reaches_the_warning_window_and_activity_ends_it()
    {
        var (lab, model) = await StartAsync(o => { o.IdleTimeout = TimeSpan.FromMinutes(30); o.IdleWarning = TimeSpan.FromMinutes(5); });
        var start = lab.Time.GetUtcNow();
        Assert.Equal(start + TimeSpan.FromMinutes(30), model.Deadline.EndsAt);
        Assert.Equal("idle", model.Deadline.Reason);

        lab.Time.Advance(TimeSpan.FromMinutes(25) - TimeSpan.FromSeconds(1));
        Assert.False(model.Warning);
        lab.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(model.Warning);
        Assert.Equal(lab.Time.GetUtcNow(), model.Now);

        model.Touch();
        Assert.False(model.Warning);
        Assert.Equal(lab.Time.GetUtcNow() + TimeSpan.FromMinutes(30), model.Deadline.EndsAt);
    }
}
