using ContainerLab.Web.Components.Workspaces;

namespace ContainerLab.Web.Tests;

public sealed class ServerFullTests : BunitContext
{
    [Theory]
    [InlineData(50)]
    [InlineData(1)]
    public void Says_the_server_is_full_with_the_counts(int capacity)
    {
        var cut = Render<ServerFull>(p => p.Add(x => x.InUse, capacity).Add(x => x.Capacity, capacity));

        Assert.Equal("alert", cut.Find("main.server-full").GetAttribute("role"));
        Assert.Contains($"The class server is full: {capacity} of {capacity} sessions in use", cut.Find("p").TextContent);
        Assert.Equal("/", cut.Find("a").GetAttribute("href"));
    }
}
