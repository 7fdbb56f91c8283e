namespace ContainerLab.Engine.Cgroups.V1;

/// <summary>The v1 pids controller (Documentation/admin-guide/cgroup-v1/pids.rst); same files as v2.</summary>
internal static class Pids
{
    public const string Name = "pids";
    public const string LimitFile = "pids.max";
    public const string EventsFile = "pids.events";

    public static PidsStats ReadStats(string? directory)
    {
        if (directory is null)
            return PidsStats.Unavailable;
        return new PidsStats(
            Current: CgroupFile.ReadNumber(Path.Combine(directory, "pids.current")),
            Limit: CgroupFile.ReadLimit(Path.Combine(directory, LimitFile)),
            // "max N": forks refused because pids.max was reached (in this cgroup or an ancestor's limit).
            LimitHits: CgroupFile.ReadKeyed(Path.Combine(directory, EventsFile)).GetValueOrDefault("max"));
    }

    public static CgroupLimitFile ReadLimit(string? directory) => CgroupLimitFile.Read(directory, LimitFile);
}
