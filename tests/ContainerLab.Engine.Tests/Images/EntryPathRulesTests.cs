using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Tests.Images;

public sealed class EntryPathRulesTests
{
    private const string Layer = "sha256:0123456789ab";

    [Theory]
    [InlineData("./", "")]
    [InlineData("./etc/passwd", "etc/passwd")]
    [InlineData("etc//./ssh/", "etc/ssh")]
    [InlineData("././usr/bin", "usr/bin")]
    public void Normalizes_entry_names(string name, string expected) =>
        Assert.Equal(expected, EntryPathRules.NormalizeEntryName(Layer, name, 4096));

    [Theory]
    [InlineData("../x", "escapes the layer root")]
    [InlineData("a/../../x", "escapes the layer root")]
    [InlineData("a/..", "escapes the layer root")]
    [InlineData("/etc/passwd", "is an absolute path")]
    [InlineData(".//etc", "is an absolute path")]
    public void Refuses_escaping_names(string name, string rule)
    {
        var e = Assert.Throws<ImageImportException>(() => EntryPathRules.NormalizeEntryName(Layer, name, 4096));
        Assert.Equal($"layer {Layer}: entry '{name}' {rule}", e.Message);
    }

    [Theory]
    [InlineData("usr/bin/awk", "/etc/alternatives/awk")]
    [InlineData("usr/lib/x/libfoo.so", "../../../lib/libfoo.so.1")]
    [InlineData("bin/sh", "busybox")]
    [InlineData("a/b", "./c/../d")]
    public void Allows_absolute_and_contained_relative_symlinks(string entry, string target) =>
        EntryPathRules.CheckSymlinkTarget(Layer, entry, entry, target, 4096);

    [Theory]
    [InlineData("usr/lib/x", "../../../etc")]
    [InlineData("x", "..")]
    [InlineData("a/b", "c/../../../d")]
    public void Refuses_relative_symlinks_that_escape(string entry, string target)
    {
        var e = Assert.Throws<ImageImportException>(() => EntryPathRules.CheckSymlinkTarget(Layer, entry, entry, target, 4096));
        Assert.Contains("which escapes the layer root", e.Message);
    }

    [Fact]
    public void Hard_link_targets_are_layer_relative()
    {
        Assert.Equal("usr/bin/tool", EntryPathRules.NormalizeHardLinkTarget(Layer, "x", "./usr/bin/tool", 4096));
        Assert.Throws<ImageImportException>(() => EntryPathRules.NormalizeHardLinkTarget(Layer, "x", "/etc/shadow", 4096));
        Assert.Throws<ImageImportException>(() => EntryPathRules.NormalizeHardLinkTarget(Layer, "x", "a/../../etc", 4096));
    }
}
