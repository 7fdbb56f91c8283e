using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>Session networks as the daemon reports them: two nodes on br0, and variations.</summary>
internal static class NetworkSamples
{
    public const string Node1Id = "sb-0001";
    public const string Node2Id = "sb-0002";

    public static InspectedLinkDto Bridge(bool up = true) =>
        new("br0", 2, "bridge", "46:eb:c7:cf:50:c2", up, up ? "UP" : "DOWN", [], null, null, null);

    public static InspectedLinkDto Port(string name, int ifindex, int peer, bool up = true) =>
        new(name, ifindex, "veth", "aa:aa:aa:aa:aa:0" + ifindex, up, up ? "UP" : "DOWN", [], peer, 0, "br0");

    public static InspectedLinkDto Eth0(string address, int peerIfindex, bool up = true) =>
        new("eth0", 2, "veth", "62:8c:3f:c7:b7:0" + peerIfindex, up, up ? "UP" : "DOWN", up ? [address + "/24"] : [address + "/24"], peerIfindex, 0, null);

    public static NetworkInspectionDto TwoNodes(bool node2Up = true) => new(
        DateTimeOffset.UnixEpoch, "s-1", "10.89.0.0/24", Bridge(),
        [new InspectedPortDto(Port("vsb-0001", 3, 2), Node1Id), new InspectedPortDto(Port("vsb-0002", 4, 2), Node2Id)],
        [
            new InspectedMemberDto(Node1Id, "node1", Eth0("10.89.0.2", 3), "vsb-0001"),
            new InspectedMemberDto(Node2Id, "node2", Eth0("10.89.0.3", 4, node2Up), "vsb-0002"),
        ]);

    public static NetworkInspectionDto OneNode() => new(
        DateTimeOffset.UnixEpoch, "s-1", "10.89.0.0/24", Bridge(),
        [new InspectedPortDto(Port("vsb-0001", 3, 2), Node1Id)],
        [new InspectedMemberDto(Node1Id, "node1", Eth0("10.89.0.2", 3), "vsb-0001")]);
}
