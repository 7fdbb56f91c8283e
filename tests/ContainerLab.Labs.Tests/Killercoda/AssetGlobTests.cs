using ContainerLab.Labs.Killercoda;

namespace ContainerLab.Labs.Tests.Killercoda;

public sealed class AssetGlobTests
{
    private static readonly string[] Files =
        ["a.txt", "run", "app1/readme.md", "app1/config/app.json", "app1/config/c.yaml", "app1/etc/app/app.json", "app2/cnf/cnf.json"];

    [Theory]
    [InlineData("*", "a.txt run")]
    [InlineData("*.*", "a.txt")]
    [InlineData("**", "a.txt app1/config/app.json app1/config/c.yaml app1/etc/app/app.json app1/readme.md app2/cnf/cnf.json run")]
    [InlineData("**/*.*", "a.txt app1/config/app.json app1/config/c.yaml app1/etc/app/app.json app1/readme.md app2/cnf/cnf.json")]
    [InlineData("**/*.json", "app1/config/app.json app1/etc/app/app.json app2/cnf/cnf.json")]
    [InlineData("app1/*/*.json", "app1/config/app.json")]
    [InlineData("app1/**/*.json", "app1/config/app.json app1/etc/app/app.json")]
    [InlineData("app1/**", "app1/config/app.json app1/config/c.yaml app1/etc/app/app.json app1/readme.md")]
    [InlineData("app*/*.*", "app1/readme.md")]
    [InlineData("app?/**/cnf.json", "app2/cnf/cnf.json")]
    [InlineData("app1/*.json", "")]
    public void Patterns_match_as_globstar_does(string pattern, string expected) =>
        Assert.Equal(expected, string.Join(' ', AssetGlob.Match(pattern, Files)));

    [Fact]
    public void Regex_characters_in_a_pattern_are_literal() =>
        Assert.Equal(["a+(1).txt"], AssetGlob.Match("a+(1).*", ["a+(1).txt", "aa(1).txt"]));
}
