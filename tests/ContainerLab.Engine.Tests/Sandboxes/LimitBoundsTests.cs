using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Host;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Sandboxes;

public sealed class LimitBoundsTests
{
    private const long MiB = SandboxLimits.MiB;

    /// <summary>The issue's server: 2 cores, 24 GiB.</summary>
    private static readonly LimitBounds ClassServer = LimitBounds.For(new HostCapacity(Cores: 2, MemoryBytes: 24L << 30));

    [Fact]
    public void Defaults_follow_the_machine()
    {
        Assert.Equal(3072 * MiB, ClassServer.Node.MemoryBytes);
        Assert.Equal(6144 * MiB, ClassServer.Session.MemoryBytes);
        Assert.Equal(2, ClassServer.Node.Cpus);
        Assert.Equal(1024, ClassServer.Node.Pids);
        Assert.Equal(ClassServer.Node.MemoryBytes, ClassServer.Node.DiskBytes);
    }

    [Fact]
    public void A_small_machine_still_allows_the_default_limits()
    {
        var tiny = LimitBounds.For(new HostCapacity(Cores: 1, MemoryBytes: 512 * MiB));
        tiny.RequireWithinNode(SandboxLimits.Default);
        Assert.Equal(SandboxLimits.Default.MemoryBytes, tiny.Node.MemoryBytes);
    }

    [Theory]
    [InlineData(1, 512)]
    [InlineData(2, 24 * 1024)]
    [InlineData(64, 256 * 1024)]
    public void A_session_of_the_webs_default_size_at_the_default_limits_always_fits(int cores, long memoryMiB)
    {
        var bounds = LimitBounds.For(new HostCapacity(Cores: cores, MemoryBytes: memoryMiB * MiB)).Checked();
        var node = SandboxLimits.Default;
        // Four nodes exist; the fifth (the web's NodesPerSession default) must still be allowed.
        bounds.RequireWithinSession(node, "s1", Enumerable.Repeat(node, LimitBounds.DefaultNodesPerSession - 1));
        Assert.Throws<LimitExceededException>(() => bounds.RequireWithinSession(node with { Cpus = bounds.Session.Cpus }, "s1",
            Enumerable.Repeat(node, LimitBounds.DefaultNodesPerSession - 1)));
    }

    [Fact]
    public void The_issues_update_is_refused_per_node()
    {
        var e = Assert.Throws<LimitExceededException>(() =>
            ClassServer.RequireWithinNode(new SandboxLimits { MemoryBytes = 4096 * MiB, Cpus = 2, Pids = 4096 }));
        Assert.Equal(LimitScope.Node, e.Scope);
        Assert.Equal("memory 4096 MiB is above this server's per-node ceiling of 3072 MiB", e.Message);
    }

    [Fact]
    public void The_session_total_counts_the_other_nodes()
    {
        var twoCores = ClassServer with { Session = ClassServer.Session with { Cpus = 2 } };
        SandboxLimits[] others = [new() { Cpus = 0.5 }, new() { Cpus = 1.2 }];
        twoCores.RequireWithinSession(new SandboxLimits { Cpus = 0.3 }, "s1", others);

        var e = Assert.Throws<LimitExceededException>(() => twoCores.RequireWithinSession(new SandboxLimits { Cpus = 0.4 }, "s1", others));
        Assert.Equal("cpus 0.4 would take session 's1' to 2.1, above this server's per-session ceiling of 2", e.Message);
    }

    [Fact]
    public void Below_the_floor_is_refused()
    {
        var e = Assert.Throws<LimitExceededException>(() => ClassServer.RequireWithinNode(new SandboxLimits { Cpus = 0.01 }));
        Assert.Equal("cpus 0.01 is below this server's minimum of 0.05", e.Message);
    }

    [Fact]
    public void Describe_says_the_values_in_the_callers_unit()
    {
        var e = new LimitExceededException(LimitKind.Memory, LimitScope.Node, 4096 * MiB, 512 * MiB);
        Assert.Equal("memory 4g is above this server's per-node ceiling of 0.5g", e.Describe(b => $"{b / (double)(1L << 30)}g"));
    }

    [Fact]
    public void A_node_ceiling_above_the_session_ceiling_is_lowered_to_it()
    {
        var bounds = (ClassServer with { Session = ClassServer.Session with { MemoryBytes = 1024 * MiB } }).Checked();
        Assert.Equal(1024 * MiB, bounds.Node.MemoryBytes);
    }

    [Fact]
    public void A_ceiling_below_the_default_limits_is_a_configuration_error()
    {
        var e = Assert.Throws<InvalidRequestException>(() => (ClassServer with { Node = ClassServer.Node with { Pids = 100 } }).Checked());
        Assert.Contains("pids ceiling 100 is below what a sandbox gets by default, 256", e.Message);
    }

    [Theory]
    [InlineData(1.5, 150_000)]
    [InlineData(0.05, 5_000)]
    [InlineData(0.123456, 12346)]
    public void One_cpu_rounding(double cpus, long quota) => Assert.Equal(quota, new SandboxLimits { Cpus = cpus }.CpuQuotaMicroseconds);
}
