using ContainerLab.Web.Classes;
using ContainerLab.Web.Sessions;
using ContainerLab.Web.Tests.Fakes;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>A class's student works within the class's limits, which never exceed the server's.</summary>
public sealed class ClassAllowanceTests
{
    [Fact]
    public async Task A_classs_limits_bound_its_students_nodes_their_limits_and_the_idle_timeout()
    {
        var lab = new TestSessions(o => { o.NodesPerSession = 5; o.VmNodesPerSession = 1; o.IdleTimeout = TimeSpan.FromMinutes(30); });
        var limits = new ClassLimits { Nodes = 2, VmNodes = 3, NodeMemoryBytes = 64L << 20, NodePids = 50, NodeCpus = 0.5, NodeDiskBytes = 128L << 20, IdleMinutes = 10 };
        var allowance = ClassAllowance.For(limits, lab.Options);
        Assert.Equal((2, 1), (allowance.Nodes, allowance.VmNodes)); // VM nodes: the server allows 1, the class asked for 3

        var session = await lab.Registry.StartAsync(null, "ada", CancellationToken.None, allowance);
        var node1 = Assert.Single(lab.Host.Created);
        Assert.Equal((64L << 20, 50, 0.5, 128L << 20), (node1.Limits!.MemoryBytes, node1.Limits.Pids, node1.Limits.Cpus, node1.Limits.DiskBytes));
        await lab.Registry.AddNodeAsync(session, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<SessionLimitException>(() => lab.Registry.AddNodeAsync(session, CancellationToken.None));
        Assert.Equal("a session has at most 2 nodes", refused.Message);
        Assert.Equal(session.LastActivity + TimeSpan.FromMinutes(10), lab.Registry.DeadlineOf(session).EndsAt);

        // Nobody else is touched: a session without a class has the server's settings.
        var other = await lab.Registry.StartAsync(null, "bo", CancellationToken.None);
        Assert.Equal(5, lab.Registry.AllowanceOf(other).Nodes);
        Assert.Equal(other.LastActivity + TimeSpan.FromMinutes(30), lab.Registry.DeadlineOf(other).EndsAt);
    }

    [Fact]
    public void A_class_cannot_give_more_than_the_server()
    {
        var server = new WebOptions { NodesPerSession = 3, VmNodesPerSession = 0, IdleTimeout = TimeSpan.FromMinutes(20) };
        var allowance = ClassAllowance.For(new ClassLimits { Nodes = 10, VmNodes = 4, IdleMinutes = 600 }, server);
        Assert.Equal((3, 0, TimeSpan.FromMinutes(20)), (allowance.Nodes, allowance.VmNodes, allowance.IdleTimeout));
    }
}
