using ContainerLab.Api.Units;

namespace ContainerLab.Daemon.Tests;

public sealed class SizeTests
{
    [Theory]
    [InlineData("64m", 64L << 20, "64m")]
    [InlineData("1g", 1L << 30, "1g")]
    [InlineData("512k", 512L << 10, "512k")]
    [InlineData("4096MiB", 4096L << 20, "4096 MiB")]
    [InlineData("1.5 GiB", 3L << 29, "1.5 GiB")]
    [InlineData("64MB", 64L << 20, "64 MB")]
    [InlineData("1048576", 1L << 20, "1048576 bytes")]
    public void Parses_what_people_type_and_says_it_back(string text, long bytes, string said)
    {
        var size = Size.Parse(text, "--memory");
        Assert.Equal(bytes, size.Bytes);
        Assert.Equal(said, size.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1m")]
    [InlineData("0")]
    [InlineData("64x")]
    [InlineData("99999999999t")]
    public void Refuses_what_is_not_a_size(string text) => Assert.False(Size.TryParse(text, out _));

    [Fact]
    public void Formats_other_sizes_in_the_same_unit() => Assert.Equal("0.5g", Size.Parse("8g", "x").Format(512L << 20));
}
