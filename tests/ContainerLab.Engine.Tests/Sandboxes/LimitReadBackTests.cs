using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Tests.Sandboxes;

public sealed class LimitReadBackTests
{
    private const long Page = 4096;
    private static readonly SandboxLimits Asked = new() { MemoryBytes = 48 * SandboxLimits.MiB, Pids = 128, Cpus = 0.5 };

    private static CgroupLimits Held(long? memory, long? pids = 128, long? quota = 50_000, long? period = 100_000) =>
        new(memory, pids, quota, period, []);

    [Fact]
    public void What_was_asked_and_landed_has_no_differences() =>
        Assert.Empty(LimitReadBack.Differences(Asked, Held(50_331_648), Page));

    [Fact]
    public void The_kernel_rounding_memory_down_to_whole_pages_is_no_difference() =>
        Assert.Empty(LimitReadBack.Differences(Asked with { MemoryBytes = 50_331_648 + 100 }, Held(50_331_648), Page));

    [Fact]
    public void Each_limit_that_differs_is_named_with_both_values()
    {
        var differences = LimitReadBack.Differences(Asked, Held(67_108_864, pids: null, quota: 100_000), Page);

        Assert.Equal(
        [
            "memory: asked 50331648, the kernel holds 67108864",
            "pids: asked 128, the kernel holds no limit",
            "cpu quota (us): asked 50000, the kernel holds 100000",
        ], differences);
    }
}
