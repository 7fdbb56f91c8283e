using ContainerLab.Web.Components.Workspaces;

namespace ContainerLab.Web.Tests;

public sealed class TerminalTabsTests : BunitContext
{
    [Fact]
    public void One_tab_per_terminal_labelled_node_and_number()
    {
        var cut = Render<TerminalTabs>(p => p.Add(x => x.Node, "node2").Add(x => x.Terminals, ["init", "p1", "p2"]));

        var tabs = cut.FindAll("[role=tab]");
        Assert.Equal(["node2 — 1", "node2 — 2", "node2 — 3"], tabs.Select(t => t.TextContent.Trim()));
        Assert.Equal(["init", "p1", "p2"], tabs.Select(t => t.GetAttribute("data-terminal")));
        Assert.Equal("terminals of node2", cut.Find("[role=tablist]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Only_the_selected_tab_is_aria_selected()
    {
        var cut = Render<TerminalTabs>(p => p.Add(x => x.Node, "node1").Add(x => x.Terminals, ["init", "p1", "p2"]).Add(x => x.Selected, "p1"));

        Assert.Equal(["false", "true", "false"], cut.FindAll("[role=tab]").Select(t => t.GetAttribute("aria-selected")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_is_disabled_at_the_limit(bool canOpen)
    {
        var cut = Render<TerminalTabs>(p => p.Add(x => x.Node, "node1").Add(x => x.Terminals, ["init"]).Add(x => x.CanOpen, canOpen));

        var open = cut.Find("button.open-terminal");
        Assert.Equal("+", open.TextContent);
        Assert.Equal(!canOpen, open.HasAttribute("disabled"));
    }

    [Fact]
    public void Clicks_raise_select_with_the_terminal_and_open()
    {
        string? selected = null;
        int opened = 0;
        var cut = Render<TerminalTabs>(p => p
            .Add(x => x.Node, "node1")
            .Add(x => x.Terminals, ["init", "p7"])
            .Add(x => x.CanOpen, true)
            .Add(x => x.OnSelect, (string t) => selected = t)
            .Add(x => x.OnOpen, () => opened++));

        cut.Find("[data-terminal=p7]").Click();
        cut.Find("button.open-terminal").Click();

        Assert.Equal("p7", selected);
        Assert.Equal(1, opened);
    }

    [Fact]
    public void No_terminals_leaves_only_the_open_button()
    {
        var cut = Render<TerminalTabs>(p => p.Add(x => x.Node, "node1").Add(x => x.Terminals, []).Add(x => x.CanOpen, true));

        Assert.Empty(cut.FindAll("[role=tab]"));
        Assert.Single(cut.FindAll("button.open-terminal"));
    }
}
