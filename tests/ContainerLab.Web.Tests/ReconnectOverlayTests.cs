using ContainerLab.Web.Components.Layout;

namespace ContainerLab.Web.Tests;

public sealed class ReconnectOverlayTests : BunitContext
{
    [Fact]
    public void Is_the_element_blazor_toggles_reconnect_classes_on()
    {
        var cut = Render<ReconnectOverlay>();

        var modal = cut.Find("#components-reconnect-modal");
        Assert.Equal("alert", modal.GetAttribute("role"));
    }

    [Fact]
    public void Has_one_message_per_reconnect_state()
    {
        var cut = Render<ReconnectOverlay>();

        Assert.Contains("Reconnecting", cut.Find("#components-reconnect-modal .when-show").TextContent);
        Assert.Contains("your sandboxes keep running", cut.Find(".when-show").TextContent);
        Assert.Contains("Could not reconnect", cut.Find(".when-failed").TextContent);
        Assert.Contains("The server restarted", cut.Find(".when-rejected").TextContent);
    }

    [Fact]
    public void Failed_offers_retry_and_rejected_offers_reload()
    {
        var cut = Render<ReconnectOverlay>();

        var retry = cut.Find(".when-failed button");
        Assert.Equal("Retry", retry.TextContent);
        Assert.Contains("Blazor.reconnect()", retry.GetAttribute("onclick"));
        var reload = cut.Find(".when-rejected button");
        Assert.Equal("Reload", reload.TextContent);
        Assert.Equal("location.reload()", reload.GetAttribute("onclick"));
    }
}
