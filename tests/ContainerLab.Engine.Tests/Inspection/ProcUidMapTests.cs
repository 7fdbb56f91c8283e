using ContainerLab.Engine.Inspection;

namespace ContainerLab.Engine.Tests.Inspection;

public sealed class ProcUidMapTests
{
    private const string SandboxMap = "         0 1000000000      65536\n";

    [Theory]
    [InlineData(1000000000L, 0L)]
    [InlineData(1000001000L, 1000L)]
    [InlineData(1000065535L, 65535L)]
    [InlineData(1000065536L, ProcUidMap.OverflowUid)]
    [InlineData(0L, ProcUidMap.OverflowUid)]
    public void Translates_a_host_uid_through_the_range_holding_it(long hostUid, long inside)
    {
        Assert.Equal(inside, ProcUidMap.ToInside(SandboxMap, hostUid));
    }

    [Fact]
    public void Picks_the_right_line_of_several()
    {
        const string map = "0 1000000000 1\n1000 1000001000 10\n";
        Assert.Equal(1005, ProcUidMap.ToInside(map, 1000001005));
        Assert.Equal(0, ProcUidMap.ToInside(map, 1000000000));
    }

    [Fact]
    public void The_host_identity_map_is_the_identity() =>
        Assert.Equal(1234, ProcUidMap.ToInside("         0          0 4294967295\n", 1234));

    [Fact]
    public void An_empty_map_unshared_but_not_yet_written_maps_nothing() =>
        Assert.Equal(ProcUidMap.OverflowUid, ProcUidMap.ToInside("", 1000000000));
}
