using V1Controllers = ContainerLab.Engine.Cgroups.V1;
using V2Controllers = ContainerLab.Engine.Cgroups.V2;

namespace ContainerLab.Engine.Cgroups;

/// <summary>
/// The kernel's names for what the cgroup panel shows, in the layout the host has, so that a student reads the file
/// names the terminal shows: cgroup v2 has one tree ("memory.max"), v1 a tree per controller ("memory.limit_in_bytes").
/// Each is the constant its controller reads (V1/, V2/), never a second spelling.
/// </summary>
/// <param name="Layout">"v2" or "v1" (a hybrid host's controllers are v1).</param>
/// <param name="OomKills">The file and key that count OOM kills, e.g. "memory.events oom_kill".</param>
/// <param name="PidsLimitHits">The file and key that count refused forks, "pids.events max" in both.</param>
/// <param name="Throttled">The file and key that count throttled periods, "cpu.stat nr_throttled" in both.</param>
public sealed record CgroupFileNames(
    string Layout, string MemoryLimit, string MemoryUsage, string OomKills, string PidsLimit, string PidsLimitHits, string CpuLimit, string Throttled)
{
    public static CgroupFileNames V2 { get; } = new("v2",
        V2Controllers.Memory.LimitFile, V2Controllers.Memory.UsageFile, $"{V2Controllers.Memory.EventsFile} oom_kill",
        V2Controllers.Pids.LimitFile, $"{V2Controllers.Pids.EventsFile} max", V2Controllers.Cpu.LimitFile, $"{V2Controllers.Cpu.StatFile} nr_throttled");

    public static CgroupFileNames V1 { get; } = new("v1",
        V1Controllers.Memory.LimitFile, V1Controllers.Memory.UsageFile, $"{V1Controllers.Memory.OomControlFile} oom_kill",
        V1Controllers.Pids.LimitFile, $"{V1Controllers.Pids.EventsFile} max", V1Controllers.Cpu.QuotaFile, $"{V1Controllers.Cpu.StatFile} nr_throttled");
}
