using ContainerLab.Engine.Cgroups;

namespace ContainerLab.Engine.Inspection;

/// <summary>The sandbox's cgroup as the diagrams show it: limits next to usage, from the cgroup files (v1 or v2).</summary>
public static class CgroupInspector
{
    public static InspectedCgroup Inspect(ICgroup cgroup)
    {
        ArgumentNullException.ThrowIfNull(cgroup);
        var stats = cgroup.ReadStats();
        var (memory, pids, cpu) = (stats.Memory, stats.Pids, stats.Cpu);
        return new InspectedCgroup(
            cgroup.Path, memory.LimitBytes, memory.UsageBytes, memory.PeakBytes, memory.OomKills,
            pids.Limit, pids.Current, pids.LimitHits,
            CpuLimitCores(cpu), cpu.UsageNanoseconds, cpu.ThrottledPeriods, cpu.ThrottledNanoseconds, cgroup.FileNames);
    }

    /// <summary>
    /// CFS bandwidth: the group may run quota microseconds per period on all CPUs together, so quota / period is the
    /// limit in cores. v1 writes -1 and v2 "max" for no limit (kernel/sched/core.c tg_set_cfs_bandwidth): null here.
    /// </summary>
    private static double? CpuLimitCores(CpuStats cpu) => cpu.Cpus is double cores && cores > 0 ? cores : null;
}
