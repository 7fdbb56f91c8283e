using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Namespaces;

namespace ContainerLab.Engine.Tests.Namespaces;

public sealed class IdRangeAllocatorTests
{
    [Fact]
    public void Ranges_do_not_overlap_and_the_lowest_free_is_reused()
    {
        var allocator = new IdRangeAllocator(1_000_000_000, 3);
        var a = allocator.Allocate();
        var b = allocator.Allocate();
        Assert.Equal(1_000_000_000u, a.HostStart);
        Assert.Equal(1_000_065_536u, b.HostStart);
        Assert.True(a.HostEnd < b.HostStart);
        allocator.Release(a);
        Assert.Equal(a, allocator.Allocate());
    }

    [Fact]
    public void A_full_allocator_says_so()
    {
        var allocator = new IdRangeAllocator(100_000, 1);
        allocator.Allocate();
        Assert.Throws<CapacityExceededException>(() => allocator.Allocate());
    }

    [Fact]
    public void Claims_only_its_own_ranges()
    {
        var allocator = new IdRangeAllocator(1_000_000_000, 4);
        Assert.True(allocator.Claim(allocator.SlotRange(2)));
        Assert.False(allocator.Claim(new IdRange(1_000_000_001, IdRange.DefaultCount))); // not slot-aligned
        Assert.False(allocator.Claim(new IdRange(100_000, IdRange.DefaultCount)));        // below the base
        Assert.Equal(allocator.SlotRange(0), allocator.Allocate());
        Assert.Equal(allocator.SlotRange(1), allocator.Allocate());
        Assert.Equal(allocator.SlotRange(3), allocator.Allocate()); // 2 was claimed
    }

    [Fact]
    public void Ranges_must_fit_below_2_to_the_32() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdRangeAllocator(uint.MaxValue - 65536, 2));

    [Fact]
    public void The_map_line_is_what_uid_map_expects()
    {
        var range = new IdRange(1_000_000_000, IdRange.DefaultCount);
        Assert.Equal("0 1000000000 65536", range.ToMapLine());
        Assert.Equal(1_000_000_005u, range.ToHost(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => range.ToHost(65536));
    }
}
