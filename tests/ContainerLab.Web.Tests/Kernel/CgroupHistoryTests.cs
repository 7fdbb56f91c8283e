using ContainerLab.Api.Contracts;
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
        for (int i = 0; i < 70; i++)
            history.Add(T0.AddSeconds(i), Cgroup(memoryUsage: i));
        history.Add(T0, Cgroup(memoryUsage: 999));

        Assert.Equal(60, history.Samples.Count); // one a second, strictly within the last 60 s
        Assert.Equal(10, history.Samples[0].MemoryBytes);
        Assert.Equal(69, history.Samples[^1].MemoryBytes);
    }

    [Fact]
    public void Keeps_at_most_its_capacity_at_a_faster_pace()
    {
        var history = new CgroupHistory();
        for (int i = 0; i < CgroupHistory.Capacity + 50; i++)
            history.Add(T0.AddMilliseconds(100 * i), Cgroup(memoryUsage: i));

        Assert.Equal(CgroupHistory.Capacity, history.Samples.Count);
        Assert.Equal(CgroupHistory.Capacity + 49, history.Samples[^1].MemoryBytes);
    }

    [Fact]
    public void The_sparkline_puts_the_limit_at_the_top_zero_at_the_bottom_and_time_from_minus_60_s_to_now()
    {
        var history = new CgroupHistory();
        Assert.Equal("", Memory(history, Cgroup(memoryLimit: 100)).Points);
        history.Add(T0, Cgroup(memoryUsage: 0));
        history.Add(T0.AddSeconds(30), Cgroup(memoryUsage: 100));
        history.Add(T0.AddSeconds(60), Cgroup(memoryUsage: 500)); // over the limit: clamped to the top; T0 is now out of the window

        var memory = Memory(history, Cgroup(memoryLimit: 100));
        double w = CgroupTimeline.PlotWidth;
        Assert.Equal([$"{KernelSvg.Number(w / 2)},0", $"{KernelSvg.Number(w)},0"], memory.Points.Split(' '));
        Assert.Equal("100 B", memory.Top);

        history.Add(T0.AddSeconds(61), Cgroup(memoryUsage: 50));
        string[] points = Memory(history, Cgroup(memoryLimit: 100)).Points.Split(' ');
        Assert.Equal($"{KernelSvg.Number(w)},{KernelSvg.Number(CgroupTimeline.PlotHeight / 2)}", points[^1]); // half the limit: halfway up
    }

    [Fact]
    public void An_oom_kill_between_two_readings_is_an_event_at_the_later_one_with_the_limit_then()
    {
        var history = new CgroupHistory();
        history.Add(T0, Cgroup(oomKills: 2)); // a baseline: kills before the panel was open are not events
        Assert.Empty(history.Events);
        history.Add(T0.AddSeconds(1), Cgroup(memoryLimit: 32L << 20, oomKills: 3));
        history.Add(T0.AddSeconds(2), Cgroup(memoryLimit: 32L << 20, oomKills: 4)); // a second kill right after: its own moment

        Assert.Equal(2, history.Events.Count);
        var first = history.Events[0];
        Assert.Equal((CgroupEventKind.OomKill, T0.AddSeconds(1), T0.AddSeconds(1), 1L, "32 MiB"), (first.Kind, first.Start, first.End, first.Count, first.Limit));
        Assert.Equal("memory", first.Resource);
        Assert.StartsWith("OOM kill at 09:00:01 UTC: the kernel killed a process because node1 reached memory.max (32 MiB)", first.Explain("node1", CgroupFileNamesDto.V2));
    }

    [Fact]
    public void Two_kills_in_one_reading_are_told_as_two_processes()
    {
        var history = new CgroupHistory();
        history.Add(T0, Cgroup(oomKills: 0));
        history.Add(T0.AddSeconds(1), Cgroup(memoryLimit: 32L << 20, oomKills: 2));

        var both = Assert.Single(history.Events);
        Assert.StartsWith("2 OOM kills at 09:00:01 UTC: the kernel killed 2 processes because node1 reached memory.max (32 MiB)", both.Explain("node1", CgroupFileNamesDto.V2));
        Assert.Contains("each got SIGKILL", both.Explain("node1", CgroupFileNamesDto.V2));
    }

    [Fact]
    public void On_a_cgroup_v1_host_the_explanations_name_the_v1_files()
    {
        var v1 = new CgroupFileNamesDto("v1", "memory.limit_in_bytes", "memory.usage_in_bytes", "memory.oom_control oom_kill",
            "pids.max", "pids.events max", "cpu.cfs_quota_us", "cpu.stat nr_throttled");
        var history = new CgroupHistory();
        history.Add(T0, Cgroup(oomKills: 0));
        history.Add(T0.AddSeconds(1), Cgroup(memoryLimit: 32L << 20, oomKills: 1) with { ThrottledPeriods = 4 });

        var kill = history.Events.Single(e => e.Kind == CgroupEventKind.OomKill).Explain("node1", v1);
        Assert.Contains("node1 reached memory.limit_in_bytes (32 MiB)", kill);
        Assert.Contains("(memory.oom_control oom_kill)", kill);
        Assert.DoesNotContain("memory.max", kill);
        Assert.Contains("its cpu.cfs_quota_us quota", history.Events.Single(e => e.Kind == CgroupEventKind.Throttled).Explain("node1", v1));
    }

    [Fact]
    public void Throttling_and_refused_forks_in_consecutive_readings_are_one_stretch()
    {
        var history = new CgroupHistory();
        history.Add(T0, Cgroup() with { ThrottledPeriods = 0, PidsLimitHits = 0 });
        history.Add(T0.AddSeconds(1), Cgroup() with { ThrottledPeriods = 5, PidsLimitHits = 0 });
        history.Add(T0.AddSeconds(2), Cgroup() with { ThrottledPeriods = 9, PidsLimitHits = 3 });
        history.Add(T0.AddSeconds(3), Cgroup() with { ThrottledPeriods = 9, PidsLimitHits = 3 }); // a pause ends the stretch
        history.Add(T0.AddSeconds(4), Cgroup() with { ThrottledPeriods = 10, PidsLimitHits = 3 });

        var throttled = history.Events.Where(e => e.Kind == CgroupEventKind.Throttled).ToList();
        Assert.Equal(2, throttled.Count);
        Assert.Equal((T0.AddSeconds(1), T0.AddSeconds(2), 9L), (throttled[0].Start, throttled[0].End, throttled[0].Count));
        Assert.Equal("09:00:01–09:00:02 UTC", throttled[0].When);
        Assert.Equal((T0.AddSeconds(4), 1L), (throttled[1].Start, throttled[1].Count));
        var forks = Assert.Single(history.Events, e => e.Kind == CgroupEventKind.ForkRefused);
        Assert.Equal(("pids", 3L, "64"), (forks.Resource, forks.Count, forks.Limit));
        Assert.Contains("EAGAIN", forks.Explain("node1", CgroupFileNamesDto.V2));
    }

    [Fact]
    public void Events_leave_with_the_window_and_are_bounded()
    {
        var history = new CgroupHistory();
        for (int i = 0; i <= 2 * CgroupHistory.EventCapacity; i++)
            history.Add(T0.AddSeconds(i), Cgroup(oomKills: i)); // a kill every second
        Assert.Equal(CgroupHistory.EventCapacity, history.Events.Count);
        Assert.Equal(T0.AddSeconds(2 * CgroupHistory.EventCapacity), history.Events[^1].Start);

        history.Add(T0.AddSeconds(2 * CgroupHistory.EventCapacity + 60), Cgroup(oomKills: 2 * CgroupHistory.EventCapacity));
        Assert.Empty(history.Events);
    }

    private static CgroupTimeline Memory(CgroupHistory history, ContainerLab.Api.Contracts.InspectedCgroupDto cgroup) =>
        CgroupTimeline.All(history, cgroup, "node1")[0];

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
