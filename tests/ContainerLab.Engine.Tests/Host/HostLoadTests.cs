using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Tests.Host;

/// <summary>The machine's load as /proc says it, from files in the kernel's own format.</summary>
public sealed class HostLoadTests : IDisposable
{
    private readonly DirectoryInfo _proc = Directory.CreateTempSubdirectory("clab-proc-");

    public void Dispose() => _proc.Delete(recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_proc.FullName, name), text);

    [Fact]
    public void Memory_load_and_cpu_seconds_are_read_in_the_kernels_units()
    {
        Write("meminfo", "MemTotal:       24564000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\nHugePages_Total:       0\n");
        Write("loadavg", "0.52 1.25 2.00 3/412 12345\n");
        // user nice system idle iowait irq softirq steal guest guest_nice, in USER_HZ (1/100 s)
        Write("stat", "cpu  1000 200 300 5000 500 10 20 30 40 0\ncpu0 500 100 150 2500 250 5 10 15 20 0\nintr 1 2 3\n");
        var load = HostLoad.Measure(Missing, _proc.FullName);
        Assert.Equal(24564000L * 1024, load.MemoryTotalBytes);
        Assert.Equal(20000000L * 1024, load.MemoryAvailableBytes);
        Assert.Equal((0.52, 1.25, 2.00), (load.Load1, load.Load5, load.Load15));
        Assert.Equal(70.60, load.CpuTotalSeconds, 3); // the first eight fields: guest time is already in user
        Assert.Equal(70.60 - 50 - 5, load.CpuBusySeconds, 3);
        Assert.Null(load.SandboxMemoryBytes);
    }

    [Fact]
    public void Garbage_names_the_file()
    {
        Write("meminfo", "MemTotal:       24564000 kB\n");
        Write("loadavg", "0.1\n");
        Write("stat", "cpu  1 2 3 4 5\n");
        Assert.Contains("loadavg", Assert.Throws<InvalidDataException>(() => HostLoad.Measure(Missing, _proc.FullName)).Message);
        Write("meminfo", "nothing here\n");
        Assert.Contains("no MemTotal", Assert.Throws<InvalidDataException>(() => HostLoad.Measure(Missing, _proc.FullName)).Message);
    }

    [Fact]
    public void This_machine_is_read_as_it_is()
    {
        var load = HostLoad.Measure(Missing);
        Assert.True(load.MemoryAvailableBytes > 0 && load.MemoryAvailableBytes <= load.MemoryTotalBytes);
        Assert.True(load.CpuBusySeconds > 0 && load.CpuBusySeconds < load.CpuTotalSeconds);
    }

    /// <summary>A daemon that has made no sandbox yet: its parent cgroup is not there (every figure unknown).</summary>
    private static CgroupStats Missing => new(MemoryStats.Unavailable, PidsStats.Unavailable, CpuStats.Unavailable);
}
