using ContainerLab.Web.Components.Workspaces;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Tests;

public sealed class NodeListTests : BunitContext
{
    private static IReadOnlyList<Node> Nodes(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Node($"node{i}", $"sb-{i:D4}", $"10.88.0.{i + 1}", DateTimeOffset.UnixEpoch))];

    [Fact]
    public void Shows_each_node_with_its_name_and_address()
    {
        var cut = Render<NodeList>(p => p.Add(x => x.Nodes, Nodes(3)));

        var items = cut.FindAll("li[data-node]");
        Assert.Equal(["node1", "node2", "node3"], items.Select(li => li.QuerySelector(".name")!.TextContent));
        Assert.Equal(["10.88.0.2", "10.88.0.3", "10.88.0.4"], items.Select(li => li.QuerySelector(".address")!.TextContent));
    }

    [Fact]
    public void A_node_without_an_address_shows_no_address()
    {
        var cut = Render<NodeList>(p => p.Add(x => x.Nodes, [new Node("node1", "sb-0001", null, DateTimeOffset.UnixEpoch)]));

        Assert.Empty(cut.FindAll(".address"));
        Assert.Equal("node1", cut.Find(".name").TextContent);
    }

    [Fact]
    public void Marks_only_the_selected_node_as_current()
    {
        var cut = Render<NodeList>(p => p.Add(x => x.Nodes, Nodes(3)).Add(x => x.Selected, "node2"));

        var current = Assert.Single(cut.FindAll("button.node[aria-current]"));
        Assert.Equal("true", current.GetAttribute("aria-current"));
        Assert.Equal("node2", current.QuerySelector(".name")!.TextContent);
        Assert.Equal("node2", Assert.Single(cut.FindAll("li.selected")).GetAttribute("data-node"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Add_is_disabled_exactly_when_no_node_can_be_added(bool canAdd)
    {
        var cut = Render<NodeList>(p => p.Add(x => x.Nodes, Nodes(2)).Add(x => x.CanAdd, canAdd));

        Assert.Equal(!canAdd, cut.Find("button.add-node").HasAttribute("disabled"));
    }

    [Fact]
    public void Clicks_raise_select_remove_and_add_with_the_node_name()
    {
        string? selected = null, removed = null;
        int added = 0;
        var cut = Render<NodeList>(p => p
            .Add(x => x.Nodes, Nodes(3))
            .Add(x => x.CanAdd, true)
            .Add(x => x.OnSelect, (string n) => selected = n)
            .Add(x => x.OnRemove, (string n) => removed = n)
            .Add(x => x.OnAdd, () => added++));

        cut.Find("li[data-node=node3] button.node").Click();
        cut.Find("button[aria-label='Remove node2']").Click();
        cut.Find("button.add-node").Click();

        Assert.Equal("node3", selected);
        Assert.Equal("node2", removed);
        Assert.Equal(1, added);
    }

    [Fact]
    public void No_nodes_leaves_an_empty_list_and_the_add_button()
    {
        var cut = Render<NodeList>(p => p.Add(x => x.Nodes, []).Add(x => x.CanAdd, true));

        Assert.Empty(cut.FindAll("li"));
        Assert.False(cut.Find("button.add-node").HasAttribute("disabled"));
    }

    [Fact]
    public void Fifty_nodes_each_get_their_own_entry_and_remove_button()
    {
        var cut = Render<NodeList>(p => p.Add(x => x.Nodes, Nodes(50)).Add(x => x.Selected, "node50"));

        Assert.Equal(50, cut.FindAll("li[data-node]").Count);
        Assert.Equal(50, cut.FindAll("button.remove").Select(b => b.GetAttribute("aria-label")).Distinct().Count());
        Assert.Equal("node50", cut.Find("li.selected").GetAttribute("data-node"));
    }
}
