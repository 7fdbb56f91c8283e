using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images;

namespace ContainerLab.Engine.Tests.Images;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "busybox", "latest", "busybox@latest.json")]
    [InlineData("busybox:1.36", "busybox", "1.36", "busybox@1.36.json")]
    [InlineData("labs/debian:12-slim", "labs/debian", "12-slim", "labs+debian@12-slim.json")]
    [InlineData("my_image:v_1", "my_image", "v_1", "my_image@v_1.json")]
    public void Parses_name_and_tag(string reference, string name, string tag, string fileName)
    {
        var parsed = ImageReference.Parse(reference);
        Assert.Equal((name, tag, fileName), (parsed.Name, parsed.Tag, parsed.FileName));
    }

    [Theory]
    [InlineData("BusyBox")]
    [InlineData("../etc")]
    [InlineData("a:b:c")]
    [InlineData("")]
    [InlineData("busybox:")]
    [InlineData("busy box")]
    public void Refuses_invalid_references(string reference) =>
        Assert.Throws<InvalidRequestException>(() => ImageReference.Parse(reference));

    [Fact]
    public void Default_setuid_allow_list_covers_the_usual_programs()
    {
        Assert.Contains("/usr/bin/passwd", ImportLimits.DefaultSetuidAllowList);
        Assert.Contains("/bin/su", ImportLimits.DefaultSetuidAllowList);
        Assert.DoesNotContain("/tmp/rootshell", ImportLimits.DefaultSetuidAllowList);
    }
}
