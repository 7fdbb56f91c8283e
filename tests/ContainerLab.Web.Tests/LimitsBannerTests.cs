using ContainerLab.Web.Components.Workspaces;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Tests;

public sealed class LimitsBannerTests : BunitContext
{
    private static readonly DateTimeOffset EndsAt = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
    private readonly BunitJSModuleInterop _module;

    public LimitsBannerTests()
    {
        _module = JSInterop.SetupModule("./Components/Workspaces/LimitsBanner.razor.js");
    }

    private bool _zoneSet;

    private void BrowserIn(string? zone, int offsetMinutes)
    {
        _module.Setup<System.Text.Json.JsonElement>("timeZone").SetResult(
            System.Text.Json.JsonSerializer.SerializeToElement(new { name = zone, offsetMinutes }));
        _zoneSet = true;
    }

    /// <summary>Renders the banner; the browser's time zone stays unknown unless a test said it (<see cref="BrowserIn"/>).</summary>
    private IRenderedComponent<LimitsBanner> RenderBanner(TimeSpan left, bool warning, string reason = "idle")
    {
        if (!_zoneSet)
            _module.Setup<System.Text.Json.JsonElement>("timeZone"); // never answers
        return Render<LimitsBanner>(p => p
            .Add(x => x.Nodes, 2)
            .Add(x => x.MaxNodes, 5)
            .Add(x => x.Deadline, new SessionDeadline(EndsAt, EndsAt - TimeSpan.FromMinutes(5), reason))
            .Add(x => x.Now, EndsAt - left)
            .Add(x => x.Warning, warning));
    }

    [Fact]
    public void Shows_the_node_count_against_the_limit()
    {
        var cut = RenderBanner(TimeSpan.FromMinutes(20), warning: false);

        Assert.Equal("Nodes: 2 of 5", cut.Find(".limits-banner span").TextContent);
    }

    [Fact]
    public void Normally_shows_the_end_time_as_a_status_on_the_browsers_clock()
    {
        BrowserIn("Pacific/Auckland", 13 * 60);
        var cut = RenderBanner(TimeSpan.FromMinutes(20), warning: false);

        var header = cut.Find("div.limits-banner");
        Assert.Equal("status", header.GetAttribute("role"));
        Assert.False(header.ClassList.Contains("warning"));
        // 09:30 UTC on 20 November is 22:30 in Auckland (NZDT, UTC+13), whatever the server's zone.
        cut.WaitForAssertion(() => Assert.Contains("Session ends at 22:30", cut.Find(".deadline").TextContent));
        Assert.Equal("2026-11-20T09:30:00.0000000+00:00", cut.Find(".deadline time").GetAttribute("datetime"));
    }

    [Fact]
    public void A_zone_the_server_does_not_know_falls_back_to_the_browsers_offset()
    {
        BrowserIn("Mars/Olympus_Mons", -(3 * 60 + 30));
        var cut = RenderBanner(TimeSpan.FromMinutes(20), warning: false);

        cut.WaitForAssertion(() => Assert.Contains("Session ends at 06:00", cut.Find(".deadline").TextContent));
    }

    [Fact]
    public void Before_the_browser_answered_it_shows_minutes_left_not_a_server_clock_time()
    {
        var cut = RenderBanner(TimeSpan.FromMinutes(20), warning: false);

        Assert.Contains("Session ends in 20 min", cut.Find(".deadline").TextContent);
        Assert.Empty(cut.FindAll(".deadline time"));
    }

    [Fact]
    public void Warning_is_an_alert_with_the_minutes_left_and_the_idle_reason()
    {
        var cut = RenderBanner(TimeSpan.FromSeconds(4 * 60 + 30), warning: true);

        var header = cut.Find("div.limits-banner");
        Assert.Equal("alert", header.GetAttribute("role"));
        Assert.True(header.ClassList.Contains("warning"));
        var deadline = cut.Find(".deadline").TextContent;
        Assert.Contains("Your session ends in 5 min", deadline);
        Assert.Contains("idle timeout: type anything to stay", deadline);
    }

    [Fact]
    public void Warning_under_a_minute_counts_seconds_and_names_the_age_limit()
    {
        var cut = RenderBanner(TimeSpan.FromSeconds(42), warning: true, reason: "age");

        var deadline = cut.Find(".deadline").TextContent;
        Assert.Contains("Your session ends in 42 s", deadline);
        Assert.Contains("maximum session age", deadline);
        Assert.DoesNotContain("idle", deadline);
    }

    [Fact]
    public void Warning_past_the_end_says_a_moment()
    {
        var cut = RenderBanner(TimeSpan.FromSeconds(-3), warning: true);

        Assert.Contains("Your session ends in a moment", cut.Find(".deadline").TextContent);
    }
}
