using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Tests.Host;

public sealed class HostCapacityTests
{
    [Fact]
    public void MemTotal_is_read_in_KiB()
    {
        string meminfo = Path.GetTempFileName();
        try
        {
            File.WriteAllText(meminfo, "MemTotal:       24564000 kB\nMemFree:         1000 kB\n");
            Assert.Equal(24564000L * 1024, HostCapacity.Measure(meminfo).MemoryBytes);
        }
        finally
        {
            File.Delete(meminfo);
        }
    }

    [Fact]
    public void This_machine_has_cores_and_memory()
    {
        var host = HostCapacity.Measure();
        Assert.True(host.Cores >= 1);
        Assert.True(host.MemoryBytes > 64L << 20, $"MemTotal {host.MemoryBytes}");
    }
}
