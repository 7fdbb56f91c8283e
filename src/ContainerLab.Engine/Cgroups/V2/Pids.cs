namespace ContainerLab.Engine.Cgroups.V2;

/// <summary>The v2 pids controller (Documentation/admin-guide/cgroup-v2.rst "PID").</summary>
internal static class Pids
{
    public const string Name = "pids";
    public const string LimitFile = "pids.max";
    public const string EventsFile = "pids.events";

    public static PidsStats ReadStats(string directory) => new(
        Current: CgroupFile.ReadNumber(Path.Combine(directory, "pids.current")),
        Limit: CgroupFile.ReadLimit(Path.Combine(directory, LimitFile)),
        // "max N": forks refused because pids.max was reached.
        LimitHits: CgroupFile.ReadKeyed(Path.Combine(directory, EventsFile)).GetValueOrDefault("max"));

    public static CgroupLimitFile ReadLimit(string directory) => CgroupLimitFile.Read(directory, LimitFile);
}
