using ContainerLab.Web.Components.Kernel;
using static ContainerLab.Web.Tests.Kernel.InspectionSamples;
using ContainerLab.Web.Components.Kernel.Cgroups;

namespace ContainerLab.Web.Tests.Kernel;

public sealed class CgroupHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cpu_is_the_usage_between_the_last_two_readings_in_cores()
    {
        var history = new CgroupHistory();
        history.Add(T0, Cgroup() with { CpuUsageNanoseconds = 1_000_000_000, ThrottledPeriods = 4 });
        Assert.Null(history.CpuCores);

        history.Add(T0.AddSeconds(2), Cgroup() with { CpuUsageNanoseconds = 2_000_000_000, ThrottledPeriods = 10 });

        Assert.Equal(0.5, history.CpuCores!.Value, 3);
        Assert.Equal(6, history.ThrottledLately);
    }

    [Fact]
    public void Keeps_a_minute_and_ignores_readings_out_of_order()
    {
        var history = new CgroupHistory();
        for (int i = 0; i < CgroupHistory.Capacity + 10; i++)
            history.Add(T0.AddSeconds(i), Cgroup(memoryUsage: i));
        history.Add(T0, Cgroup(memoryUsage: 999));

        Assert.Equal(CgroupHistory.Capacity, history.Samples.Count);
        Assert.Equal(10, history.Samples[0].MemoryBytes);
        Assert.Equal(CgroupHistory.Capacity + 9, history.Samples[^1].MemoryBytes);
    }

    [Fact]
    public void The_sparkline_puts_the_limit_at_the_top_and_zero_at_the_bottom()
    {
        var history = new CgroupHistory();
        Assert.Equal("", history.MemoryPoints(100, 10, 100));
        history.Add(T0, Cgroup(memoryUsage: 0));
        history.Add(T0.AddSeconds(1), Cgroup(memoryUsage: 100));
        history.Add(T0.AddSeconds(2), Cgroup(memoryUsage: 500)); // over the limit: clamped to the top

        string[] points = history.MemoryPoints(59, 10, 100).Split(' ');
        Assert.Equal(["0,10", "1,0", "2,0"], points);
    }

    [Fact]
    public void An_oom_kill_is_recent_for_the_window_after_it()
    {
        var history = new CgroupHistory();
        history.Add(T0, Cgroup());
        history.Add(T0.AddSeconds(1), Cgroup(oomKills: 1));
        Assert.True(history.OomKilledWithin(TimeSpan.FromSeconds(5)));
        history.Add(T0.AddSeconds(7), Cgroup(oomKills: 1));
        Assert.False(history.OomKilledWithin(TimeSpan.FromSeconds(5)));
        Assert.Equal(T0.AddSeconds(1), history.LastOomAt);
    }
}
