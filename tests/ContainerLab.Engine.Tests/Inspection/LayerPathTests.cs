using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Inspection;

namespace ContainerLab.Engine.Tests.Inspection;

public sealed class LayerPathTests
{
    [Theory]
    [InlineData("/", "")]
    [InlineData("/usr/bin", "usr|bin")]
    [InlineData("//usr/./bin/", "usr|bin")]
    [InlineData("/...", "...")]
    [InlineData("/a..b/..c", "a..b|..c")]
    public void Absolute_paths_split_into_components(string path, string expected)
    {
        var components = LayerPath.Parse(path);
        Assert.Equal(expected, string.Join('|', components));
        Assert.Equal("/" + expected.Replace('|', '/'), LayerPath.Join(components));
    }

    [Theory]
    [InlineData("/..", "..")]
    [InlineData("/usr/../../etc", "..")]
    [InlineData("usr", "absolute")]
    [InlineData("", "absolute")]
    [InlineData("/a\0b", "NUL")]
    public void Climbing_relative_and_nul_paths_are_refused(string path, string mentioned)
    {
        Assert.Contains(mentioned, Assert.Throws<InvalidRequestException>(() => LayerPath.Parse(path)).Message);
    }

    [Fact]
    public void Oversize_names_and_paths_are_refused()
    {
        Assert.Throws<InvalidRequestException>(() => LayerPath.Parse("/" + new string('a', 256)));
        Assert.Single(LayerPath.Parse("/" + new string('a', 255)));
        Assert.Throws<InvalidRequestException>(() => LayerPath.Parse(string.Concat(Enumerable.Repeat("/abcdefg", 600))));
    }
}
