using ContainerLab.Engine.Networking.Inspection;

namespace ContainerLab.Engine.Tests.Networking;

public sealed class IpAddrJsonTests
{
    // Trimmed from `ip -j -d addr show` (iproute2 6.1) in a session namespace: lo, the bridge, one port whose peer is elsewhere.
    private const string SessionNamespace = """
        [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"operstate":"UNKNOWN","address":"00:00:00:00:00:00",
          "addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8},{"family":"inet6","local":"::1","prefixlen":128}]},
         {"ifindex":2,"ifname":"br0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"operstate":"UP","address":"46:eb:c7:cf:50:c2",
          "linkinfo":{"info_kind":"bridge","info_data":{"stp_state":0}},"addr_info":[{"family":"inet6","local":"fe80::1","prefixlen":64}]},
         {"ifindex":3,"link_index":2,"ifname":"vabc","flags":["BROADCAST","UP"],"master":"br0","operstate":"LOWERLAYERDOWN",
          "link_netnsid":0,"address":"62:8c:3f:c7:b7:b3","linkinfo":{"info_kind":"veth","info_slave_kind":"bridge"},"addr_info":[]}]
        """;

    [Fact]
    public void Reads_kind_mac_state_ipv4_addresses_master_and_the_peer()
    {
        var links = IpAddrJson.Parse(SessionNamespace);

        Assert.Equal(["lo", "br0", "vabc"], links.Select(l => l.Name));
        Assert.Equal(["127.0.0.1/8"], links[0].Addresses);
        var bridge = links[1];
        Assert.Equal(("bridge", "46:eb:c7:cf:50:c2", true, "UP"), (bridge.Kind, bridge.Mac, bridge.Up, bridge.OperState));
        Assert.Empty(bridge.Addresses); // IPv6 link-local only
        var port = links[2];
        Assert.Equal(("veth", "br0", 2, 0, "LOWERLAYERDOWN"), (port.Kind, port.Master, port.PeerIfindex, port.PeerNetnsId, port.OperState));
    }

    [Fact]
    public void A_port_and_an_eth0_are_a_pair_only_when_each_names_the_other()
    {
        var port = IpAddrJson.Parse(SessionNamespace)[2];
        var eth0 = new InspectedLink("eth0", 2, "veth", "aa:bb:cc:dd:ee:ff", true, "UP", ["10.89.0.2/24"], 3, 0, null);

        Assert.True(NetworkInspector.Paired(port, eth0));
        Assert.False(NetworkInspector.Paired(port, eth0 with { PeerIfindex = 4 }));
        Assert.False(NetworkInspector.Paired(port, eth0 with { Ifindex = 5 }));
        Assert.False(NetworkInspector.Paired(port with { PeerNetnsId = null }, eth0)); // its peer is in its own namespace
    }

    [Fact]
    public void Empty_output_is_no_links() => Assert.Empty(IpAddrJson.Parse(""));
}
