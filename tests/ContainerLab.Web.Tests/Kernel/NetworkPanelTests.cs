using ContainerLab.Web.Components.Kernel.Network;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using static ContainerLab.Web.Tests.Kernel.NetworkSamples;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>The session network's picture: its layout (NetworkModel) and the panel over the fake host.</summary>
public sealed class NetworkPanelTests : BunitContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeSandboxHost _host = new();
    private readonly ManualTimeProvider _time = new();

    public NetworkPanelTests() => Services.AddSingleton<TimeProvider>(_time);

    private IRenderedComponent<NetworkPanel> RenderPanel(string sandbox = Node1Id, string node = "node1") =>
        Render<NetworkPanel>(p => p.Add(x => x.SandboxId, sandbox).Add(x => x.Node, node).Add(x => x.Host, _host));

    [Fact]
    public void The_model_puts_one_row_per_node_with_the_cable_from_its_bridge_port_to_its_eth0()
    {
        var model = NetworkModel.From(TwoNodes(), Node2Id);

        Assert.Equal(2, model.Rows.Count);
        Assert.NotNull(model.Bridge);
        foreach (var row in model.Rows)
        {
            var (port, cable, node) = (row.Port!, row.Cable!, row.Node!);
            Assert.Equal(port.X + NetworkModel.PortSize, cable.X1);
            Assert.Equal(port.CableY, cable.Y1);
            Assert.Equal((node.X, node.Y + node.Height / 2), (cable.X2, cable.Y2)); // eth0 sits on the box's edge
            Assert.True(node.X > model.Session.X + model.Session.Width, "the node's namespace is outside the session's");
            Assert.True(node.X + node.Width <= model.Width, "no overflow");
            Assert.True(port.Y >= model.Bridge!.Y && port.Y + NetworkModel.PortSize <= model.Bridge.Y + model.Bridge.Height, "the port is on the bar");
            Assert.True(node.Y + node.Height <= model.Height);
        }
        Assert.True(model.Rows[1].Y >= model.Rows[0].Y + model.Rows[0].Node!.Height, "rows do not overlap");
        Assert.Equal([false, true], model.Rows.Select(r => r.Node!.Selected));
        Assert.Equal(["node2"], model.Rows[0].Node!.Reaches);
        Assert.Equal(["node1"], model.Rows[1].Node!.Reaches);
        Assert.Equal("eth0@if4 10.89.0.3/24", model.Rows[1].Node!.AddressLine); // as `ip addr` in the node names it
    }

    [Fact]
    public void A_node_whose_eth0_is_down_reaches_nobody_and_its_cable_is_down()
    {
        var model = NetworkModel.From(TwoNodes(node2Up: false), Node1Id);

        Assert.Empty(model.Rows[0].Node!.Reaches);
        Assert.Empty(model.Rows[1].Node!.Reaches);
        Assert.False(model.Rows[1].Cable!.Up);
        Assert.True(model.Rows[0].Cable!.Up);
        Assert.Equal("reaches no other node", model.Rows[0].Node!.ReachLine);
    }

    [Fact]
    public void A_port_whose_peer_is_no_members_eth0_is_still_drawn()
    {
        var one = OneNode();
        var network = one with { Ports = [.. one.Ports, new Api.Contracts.InspectedPortDto(Port("vgone", 9, 2), null)] };

        var model = NetworkModel.From(network, Node1Id);

        Assert.Equal(2, model.Rows.Count);
        Assert.Null(model.Rows[1].Node);
        Assert.Equal("vgone", model.Rows[1].Port!.Link.Name);
    }

    [Theory]
    [InlineData("10.89.0.2/24", "10.89.0.200/24", true)]
    [InlineData("10.89.0.2/24", "10.89.1.2/24", false)]
    [InlineData("10.89.0.2/16", "10.89.1.2/16", true)]
    [InlineData("10.89.0.2/24", "10.89.0.3/25", false)]
    [InlineData("nonsense", "10.89.0.3/24", false)]
    public void Same_subnet_masks_the_host_bits(string a, string b, bool same) => Assert.Equal(same, NetworkModel.SameSubnet(a, b));

    [Fact]
    public void The_panel_draws_the_bridge_both_veths_with_addresses_and_stresses_the_selected_node()
    {
        _host.Network = TwoNodes();

        var cut = RenderPanel(Node2Id, "node2");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".net-node").Count), Patience);
        Assert.Equal([Node2Id], _host.NetworkInspected);
        Assert.Equal("br0 · bridge · up", cut.Find(".net-bridge > text").TextContent);
        Assert.Equal(["vsb-0001", "vsb-0002"], cut.FindAll(".net-port").Select(p => p.GetAttribute("data-name")));
        Assert.Equal(["10.89.0.2/24", "10.89.0.3/24"], cut.FindAll(".net-node").Select(n => n.GetAttribute("data-address")));
        Assert.Equal(2, cut.FindAll(".net-cable.is-up line").Count);
        var selected = Assert.Single(cut.FindAll(".net-node.is-selected"));
        Assert.Equal("node2", selected.GetAttribute("data-name"));
        Assert.Contains("reaches node1", selected.TextContent);
        Assert.Contains("node1, node2 reach each other by address and by name", cut.Find(".net-why").TextContent);
        foreach (var focusable in cut.FindAll("[tabindex]"))
        {
            Assert.Equal("0", focusable.GetAttribute("tabindex"));
            Assert.False(string.IsNullOrWhiteSpace(focusable.GetAttribute("aria-label")), focusable.OuterHtml);
            Assert.NotNull(focusable.QuerySelector("title"));
        }
        Assert.Equal("0 0 400 " + Components.Kernel.KernelSvg.Number(NetworkModel.From(TwoNodes(), Node2Id).Height), cut.Find("svg").GetAttribute("viewBox"));
    }

    [Fact]
    public void A_usage_redraw_reads_nothing_and_a_new_inspection_reads_again_once_the_interval_is_over()
    {
        _host.Network = OneNode();
        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".net-node")), Patience);
        Assert.Contains("Only node1 is on this network", cut.Find(".net-why").TextContent);

        // The cgroup usage redraws the kernel column every second: the same parameters, no read, however long.
        _host.Network = TwoNodes();
        _time.Advance(NetworkPanel.MinInterval * 3);
        cut.Render(p => p.Add(x => x.Generation, 0));
        Assert.Single(_host.NetworkInspected);

        // A new inspection (a process ran) reads again at once, the interval being over.
        cut.Render(p => p.Add(x => x.Generation, 1));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".net-node").Count), Patience);
        Assert.Equal(2, _host.NetworkInspected.Count);

        // Another one within the interval is not dropped: it is read when the interval is over.
        _host.Network = OneNode();
        cut.Render(p => p.Add(x => x.Generation, 2));
        Assert.Equal(2, _host.NetworkInspected.Count);
        _time.Advance(NetworkPanel.MinInterval);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".net-node")), Patience);
        Assert.Equal(3, _host.NetworkInspected.Count);

        // A node removed (the session's nodes change) reads again too, though this node's inspection did not change.
        _host.Network = TwoNodes();
        _time.Advance(NetworkPanel.MinInterval);
        cut.Render(p => p.Add(x => x.Generation, 2).Add(x => x.Peers, "node1,node2"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".net-node").Count), Patience);
        Assert.Equal(4, _host.NetworkInspected.Count);
    }

    [Fact]
    public void A_sandbox_on_no_session_network_says_so()
    {
        _host.Network = null;

        var cut = RenderPanel();

        cut.WaitForAssertion(() => Assert.Contains("not on a session network", cut.Find(".net-error").TextContent), Patience);
        Assert.Empty(cut.FindAll("svg"));
    }

    [Fact]
    public void The_text_view_says_the_same_in_words()
    {
        _host.Network = TwoNodes();
        var cut = RenderPanel();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".net-node").Count), Patience);

        cut.Find("button.view-toggle").Click();

        Assert.Empty(cut.FindAll("svg"));
        Assert.Equal(["session's network namespace", "node1", "node2"], cut.FindAll(".net-text dt").Select(d => d.TextContent));
        string text = cut.Find(".net-text").TextContent;
        Assert.Contains("eth0 10.89.0.3/24", text);
        Assert.Contains("vsb-0002: a port of the bridge, the session's end of node2's veth pair", text);
        Assert.Contains("reaches node2 by address and by name", text);
    }
}
