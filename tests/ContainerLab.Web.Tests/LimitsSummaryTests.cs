using ContainerLab.Web.Components.Workspaces;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Tests;

public sealed class LimitsSummaryTests : BunitContext
{
    [Fact]
    public void Shows_every_limit_of_the_options()
    {
        var options = new WebOptions
        {
            MaxSessions = 12,
            NodesPerSession = 7,
            TerminalsPerNode = 3,
            NodeMemoryBytes = 512L * 1024 * 1024,
            NodePids = 100,
            NodeCpus = 0.5,
            NodeDiskBytes = 1024L * 1024 * 1024,
            IdleTimeout = TimeSpan.FromMinutes(20),
            IdleWarning = TimeSpan.FromMinutes(2),
            MaxAge = TimeSpan.FromHours(2),
        };

        var cut = Render<LimitsSummary>(p => p.Add(x => x.Options, options).Add(x => x.SessionsInUse, 4));

        var items = cut.FindAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal("Sessions in use: 4 of 12", items[0]);
        Assert.Equal("Up to 7 nodes per session, 3 terminals each", items[1]);
        Assert.Equal("Each node: 512 MiB memory, 100 processes, 0.5 CPU, 1024 MiB disk", items[2]);
        Assert.Equal("A session ends after 20 min idle (you are warned 2 min before) or after 2 h in all", items[3]);
    }

    [Fact]
    public void Shows_the_ceilings_a_student_may_raise_a_node_to()
    {
        const long MiB = 1L << 20;
        var limits = new EffectiveLimits(
            new LimitValues(16 * MiB, 0.05, 8, 8 * MiB),
            new LimitValues(256 * MiB, 1, 256, 256 * MiB),
            new LimitValues(384 * MiB, 2, 1024, 512 * MiB),
            new LimitValues(768 * MiB, 2, 4096, 1024 * MiB));

        var cut = Render<LimitsSummary>(p => p.Add(x => x.Options, new WebOptions()).Add(x => x.Limits, limits));

        Assert.Equal("You may raise a node's limits to 384 MiB memory, 2 CPUs, 1024 processes per node; 768 MiB memory, 2 CPUs, 4096 processes for a whole session",
            cut.Find("li.ceilings").TextContent);
    }

    [Fact]
    public void Durations_that_are_not_whole_hours_stay_in_minutes()
    {
        var options = new WebOptions { MaxAge = TimeSpan.FromMinutes(90), IdleTimeout = TimeSpan.FromHours(1) };

        var cut = Render<LimitsSummary>(p => p.Add(x => x.Options, options));

        Assert.Contains("after 1 h idle", cut.Markup.Replace("<strong>", "").Replace("</strong>", ""));
        Assert.Contains("after 90 min in all", cut.FindAll("li")[3].TextContent);
    }
}
