using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Tests.Cgroups;

public sealed class CgroupLimitUpdateTests
{
    public static TheoryData<CgroupLimitUpdate> Invalid => new()
    {
        new CgroupLimitUpdate(MemoryBytes: 0), new CgroupLimitUpdate(MemoryBytes: -1), new CgroupLimitUpdate(Pids: 0),
        new CgroupLimitUpdate(Cpus: 0), new CgroupLimitUpdate(Cpus: -1), new CgroupLimitUpdate(Cpus: 0.001),
        new CgroupLimitUpdate(Cpus: double.NaN), new CgroupLimitUpdate(Cpus: double.PositiveInfinity),
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_limits_are_refused_before_any_write(CgroupLimitUpdate update)
    {
        using var tree = FakeCgroupTree.V2();
        tree.Write("c/memory.max", "max");
        Assert.Throws<InvalidRequestException>(() => tree.Open().Open("/c").SetLimits(update));
        Assert.Empty(tree.Kernel.Log);
    }

    [Fact]
    public void Cpus_become_a_quota_of_the_default_period()
    {
        Assert.Equal(150_000, new CgroupLimitUpdate(Cpus: 1.5).CpuQuotaMicroseconds);
        Assert.Equal(1_000, new CgroupLimitUpdate(Cpus: 0.01).CpuQuotaMicroseconds);
        Assert.Null(new CgroupLimitUpdate().CpuQuotaMicroseconds);
    }
}
