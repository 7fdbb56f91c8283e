using ContainerLab.Web.Sessions;
using ContainerLab.Web.Tests.Fakes;

namespace ContainerLab.Web.Tests;

public sealed class SessionRegistryTests
{
    [Fact]
    public async Task A_session_starts_with_node1_created_within_the_limits()
    {
        var lab = new TestSessions(o => { o.Image = "alpine"; o.NodePids = 64; });

        var session = await lab.StartAsync();

        Assert.Same(session, lab.Registry.Find(session.Token));
        Assert.Equal(32, session.Token.Length);
        Assert.NotEqual(session.Token, session.Network);
        var request = Assert.Single(lab.Host.Created);
        Assert.Equal(("node1", "alpine", 64, session.Network), (request.Name, request.Image, request.Limits!.Pids, request.Session));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task An_unknown_token_finds_nothing(string? token)
    {
        var lab = new TestSessions();
        await lab.StartAsync();

        Assert.Null(lab.Registry.Find(token));
    }

    [Fact]
    public async Task A_new_node_gets_the_defaults_lowered_to_the_daemons_per_node_ceiling()
    {
        var lab = new TestSessions(o => o.NodeMemoryBytes = 512L << 20);
        lab.Host.Bounds = new ContainerLab.Api.Contracts.LimitBoundsDto(new(), new() { MemoryBytes = 384L << 20 }, new());

        await lab.StartAsync();

        var limits = Assert.Single(lab.Host.Created).Limits!;
        Assert.Equal(384L << 20, limits.MemoryBytes);
        Assert.Equal(256, limits.Pids);
    }

    [Fact]
    public async Task A_node_past_the_webs_per_session_ceiling_is_refused_in_MiB_and_not_created()
    {
        var lab = new TestSessions(o => { o.MaxSessionMemory = "600m"; o.NodesPerSession = 5; });
        var session = await lab.StartAsync();
        await lab.Registry.AddNodeAsync(session, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<SessionLimitException>(() => lab.Registry.AddNodeAsync(session, CancellationToken.None));

        Assert.Equal("cannot add a node: memory 256 MiB would take your session to 768 MiB, above this server's per-session ceiling of 600 MiB", refused.Message);
        Assert.Equal(2, lab.Host.Created.Count);
        Assert.Equal(2, session.Nodes.Count);
    }

    [Fact]
    public async Task Past_max_sessions_start_throws_server_full_with_the_counts()
    {
        var lab = new TestSessions(o => o.MaxSessions = 2);
        await lab.StartAsync();
        await lab.StartAsync();

        var full = await Assert.ThrowsAsync<ServerFullException>(lab.StartAsync);

        Assert.Equal((2, 2), (full.InUse, full.Capacity));
        Assert.Equal("the class server is full: 2 of 2 sessions in use", full.Message);
        Assert.Equal(2, lab.Registry.Count);
        Assert.Equal(2, lab.Host.Created.Count);
    }

    [Fact]
    public async Task A_start_the_host_refuses_leaves_no_session_behind()
    {
        var lab = new TestSessions(o => o.MaxSessions = 1);
        lab.Host.Failure = new HttpRequestException("connection refused");

        await Assert.ThrowsAsync<HttpRequestException>(lab.StartAsync);

        Assert.Equal(0, lab.Registry.Count);
        lab.Host.Failure = null;
        await lab.StartAsync();
        Assert.Equal(1, lab.Registry.Count);
    }

    [Fact]
    public async Task Expired_after_the_idle_timeout()
    {
        var lab = new TestSessions(o => o.IdleTimeout = TimeSpan.FromMinutes(30));
        var session = await lab.StartAsync();

        lab.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Empty(lab.Registry.Expired());
        lab.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Same(session, Assert.Single(lab.Registry.Expired()));
        Assert.Equal("idle", lab.Registry.DeadlineOf(session).Reason);
    }

    [Fact]
    public async Task Expired_after_the_maximum_age_however_active()
    {
        var lab = new TestSessions(o => { o.IdleTimeout = TimeSpan.FromMinutes(30); o.MaxAge = TimeSpan.FromHours(1); });
        var session = await lab.StartAsync();
        var other = await lab.StartAsync();

        for (int i = 0; i < 3; i++)
        {
            lab.Time.Advance(TimeSpan.FromMinutes(20));
            session.Touch(lab.Time.GetUtcNow());
            other.Touch(lab.Time.GetUtcNow());
        }

        Assert.Equal(2, lab.Registry.Expired().Count);
        Assert.Equal("age", lab.Registry.DeadlineOf(session).Reason);
        Assert.Equal(session.CreatedAt + TimeSpan.FromHours(1), lab.Registry.DeadlineOf(session).EndsAt);
    }

    [Fact]
    public async Task End_removes_every_node_sandbox_and_the_session()
    {
        var lab = new TestSessions();
        var session = await lab.StartAsync();
        await lab.Registry.AddNodeAsync(session, CancellationToken.None);
        await lab.Registry.AddNodeAsync(session, CancellationToken.None);
        var kept = await lab.StartAsync();

        await lab.Registry.EndAsync(session, CancellationToken.None);

        Assert.Equal(["sb-0001", "sb-0002", "sb-0003"], lab.Host.Removed.Order());
        Assert.Equal(["sb-0004"], lab.Host.Running);
        Assert.Empty(session.Nodes);
        Assert.Null(lab.Registry.Find(session.Token));
        Assert.Same(kept, lab.Registry.Find(kept.Token));
    }

    [Fact]
    public async Task End_goes_on_when_the_host_cannot_remove_a_sandbox()
    {
        var lab = new TestSessions();
        var session = await lab.StartAsync();
        await lab.Registry.AddNodeAsync(session, CancellationToken.None);
        lab.Host.Failure = FakeSandboxHost.Refused("sandbox busy");

        await lab.Registry.EndAsync(session, CancellationToken.None);

        Assert.Empty(session.Nodes);
        Assert.Equal(0, lab.Registry.Count);
    }

    [Fact]
    public async Task Orphans_of_earlier_web_sessions_are_removed_and_nothing_else()
    {
        var lab = new TestSessions();
        var live = await lab.StartAsync();
        lab.Host.Seed("orphan", SessionRegistry.NetworkPrefix + "0123456789ab"); // a session from before a restart
        lab.Host.Seed("cli-made", "demo");                                       // clabctl's own session network
        lab.Host.Seed("no-network", null);

        int removed = await lab.Registry.RemoveOrphansAsync(CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Equal(["orphan"], lab.Host.Removed);
        Assert.StartsWith(SessionRegistry.NetworkPrefix, live.Network);
        Assert.Contains(live.Nodes[0].SandboxId, lab.Host.Running);
    }
}
