using ContainerLab.Api.Contracts;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Tests.Limits;

public sealed class EffectiveLimitsTests
{
    private const long MiB = 1L << 20;

    private static readonly LimitBoundsDto Daemon = new(
        new LimitsDto { MemoryBytes = 16 * MiB, Cpus = 0.05, Pids = 8, DiskBytes = 8 * MiB },
        new LimitsDto { MemoryBytes = 512 * MiB, Cpus = 2, Pids = 1024, DiskBytes = 512 * MiB },
        new LimitsDto { MemoryBytes = 1024 * MiB, Cpus = 2, Pids = 4096, DiskBytes = 1024 * MiB });

    [Fact]
    public void A_web_ceiling_below_the_daemons_wins_and_is_not_reported()
    {
        var limits = EffectiveLimits.Combine(new WebOptions { MaxNodeMemory = "384m", MaxSessionPids = 600 }, Daemon, out var lowered);
        Assert.Equal(384 * MiB, limits.Node.MemoryBytes);
        Assert.Equal(600, limits.Session.Pids);
        Assert.Equal(600, limits.Node.Pids); // a node never above its session
        Assert.Equal(2, limits.Node.Cpus);   // the daemon's where the web sets none
        Assert.Equal(16 * MiB, limits.Floor.MemoryBytes);
        Assert.Empty(lowered);
    }

    [Fact]
    public void A_web_ceiling_above_the_daemons_is_lowered_to_it_and_said_in_the_settings_words()
    {
        var limits = EffectiveLimits.Combine(new WebOptions { MaxNodeMemory = "1g", MaxNodeCpus = 4 }, Daemon, out var lowered);
        Assert.Equal(512 * MiB, limits.Node.MemoryBytes);
        Assert.Equal(2, limits.Node.Cpus);
        Assert.Equal(
            ["ContainerLab:MaxNodeMemory 1024 MiB is above the daemon's per-node ceiling of 512 MiB; using 512 MiB",
             "ContainerLab:MaxNodeCpus 4 CPUs is above the daemon's per-node ceiling of 2 CPUs; using 2 CPUs"],
            lowered.Select(l => l.ToString()));
    }

    [Fact]
    public void Node_defaults_above_the_daemons_ceiling_are_lowered_to_it_with_a_warning()
    {
        var limits = EffectiveLimits.Combine(new WebOptions { NodeMemoryBytes = 768 * MiB, NodePids = 2000 }, Daemon, out var lowered);
        Assert.Equal(512 * MiB, limits.NodeDefaults.MemoryBytes);
        Assert.Equal(1024, limits.NodeDefaults.Pids);
        Assert.Equal(1.0, limits.NodeDefaults.Cpus);
        Assert.Contains(lowered, l => l.Setting == "ContainerLab:NodeMemoryBytes" && l.Used == 512 * MiB);
        Assert.Contains(lowered, l => l.Setting == "ContainerLab:NodePids" && l.Used == 1024);
    }

    [Fact]
    public void Without_the_daemons_bounds_only_the_webs_settings_bound()
    {
        var limits = EffectiveLimits.Combine(new WebOptions { MaxNodeMemory = "384m" }, null, out var lowered);
        Assert.Equal(384 * MiB, limits.Node.MemoryBytes);
        Assert.False(EffectiveLimits.IsBounded(LimitKind.Cpus, limits.Node));
        Assert.False(EffectiveLimits.IsBounded(LimitKind.Memory, limits.Session));
        Assert.Empty(lowered);
    }
}
