namespace ContainerLab.Engine.Host;

/// <summary>The size of the machine, from which the default limit ceilings are derived.</summary>
/// <param name="Cores">CPUs this process may run on (sched_getaffinity, as <see cref="Environment.ProcessorCount"/>).</param>
/// <param name="MemoryBytes">MemTotal of /proc/meminfo: RAM the kernel manages, whatever cgroup the daemon sits in.</param>
public sealed record HostCapacity(int Cores, long MemoryBytes)
{
    public static HostCapacity Measure(string meminfo = "/proc/meminfo") =>
        new(Environment.ProcessorCount, HostLoad.Meminfo(meminfo)["MemTotal"]);
}
