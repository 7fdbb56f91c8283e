using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Inspection;

namespace ContainerLab.Engine.Tests.Inspection;

public sealed class CgroupInspectorTests
{
    [Fact]
    public void Limited_cgroup_maps_every_figure_and_the_cpu_quota_to_cores()
    {
        var stats = new CgroupStats(
            new MemoryStats(UsageBytes: 1_000, LimitBytes: 64 << 20, PeakBytes: 2_000, OomKills: 1),
            new PidsStats(Current: 3, Limit: 64, LimitHits: 5),
            new CpuStats(UsageNanoseconds: 7_000, QuotaMicroseconds: 50_000, PeriodMicroseconds: 100_000, ThrottledPeriods: 8, ThrottledNanoseconds: 9_000));

        var result = CgroupInspector.Inspect(new FixedCgroup("/containerlab/abc", stats));

        Assert.Equal(new InspectedCgroup("/containerlab/abc", 64 << 20, 1_000, 2_000, 1, 64, 3, 5, 0.5, 7_000, 8, 9_000, CgroupFileNames.V2), result);
    }

    [Fact]
    public void Unlimited_cgroup_has_null_limits()
    {
        var stats = new CgroupStats(
            new MemoryStats(UsageBytes: 1_000, LimitBytes: null, PeakBytes: null, OomKills: 0),
            new PidsStats(Current: 1, Limit: null, LimitHits: 0),
            new CpuStats(UsageNanoseconds: 10, QuotaMicroseconds: null, PeriodMicroseconds: 100_000, ThrottledPeriods: 0, ThrottledNanoseconds: 0));

        var result = CgroupInspector.Inspect(new FixedCgroup("/containerlab/u", stats));

        Assert.Null(result.MemoryLimitBytes);
        Assert.Null(result.PidsLimit);
        Assert.Null(result.CpuLimitCores);
        Assert.Equal(1_000, result.MemoryUsageBytes);
        Assert.Equal(10, result.CpuUsageNanoseconds);
    }

    [Fact]
    public void Unavailable_controllers_give_nulls_and_zeros()
    {
        var stats = new CgroupStats(MemoryStats.Unavailable, PidsStats.Unavailable, CpuStats.Unavailable);
        var result = CgroupInspector.Inspect(new FixedCgroup("/x", stats));
        Assert.Equal(new InspectedCgroup("/x", null, null, null, 0, null, null, 0, null, null, 0, 0, CgroupFileNames.V2), result);
    }

    private sealed class FixedCgroup(string path, CgroupStats stats) : ICgroup
    {
        public string Path => path;
        public CgroupFileNames FileNames => CgroupFileNames.V2;
        public bool Exists => true;
        public CgroupStats ReadStats() => stats;
        public CgroupLimits ReadLimits() => throw new NotSupportedException();
        public IReadOnlyList<int> ReadProcessIds(bool recursive = true) => [];
        public void KillAll() => throw new NotSupportedException();
        public void Remove() => throw new NotSupportedException();
    }
}
