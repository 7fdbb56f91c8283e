using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Network;

/// <summary>
/// The session's network laid out for SVG (all positions in viewBox units; the .razor only draws): the session's
/// network namespace as a region on the left with the bridge as a bar in it, one row per node: the bridge port, the
/// veth cable leaving the region, and the node's own network namespace as a box on the right with eth0's address.
/// Rows stack downwards, so any number of nodes fits the kernel column's width.
/// </summary>
public sealed record NetworkModel(
    double Width, double Height, NetworkRegion Session, BridgeBar? Bridge, IReadOnlyList<NetworkRow> Rows, string Subnet, string? Note)
{
    public const double ViewWidth = 400;
    public const double SessionWidth = 206;
    public const double RowsTop = 46;
    public const double RowHeight = 76;
    public const double BoxHeight = 68;
    public const double NodeX = 222;
    public const double NodeWidth = ViewWidth - NodeX - 1;
    public const double BarX = 12;
    public const double BarWidth = 12;
    public const double PortSize = 8;
    private const int NameChars = 12;

    public static NetworkModel From(NetworkInspectionDto network, string selectedSandboxId)
    {
        var bridgeUp = network.Bridge is { Up: true };
        var links = network.Members.ToDictionary(m => m.SandboxId, m => m.Interface);
        var portsBySandbox = network.Ports.Where(p => p.SandboxId is not null).ToDictionary(p => p.SandboxId!, p => p.Link);

        // A node is on the wire when its eth0 is up with an address and its port on an up bridge is up too.
        bool OnWire(InspectedMemberDto m) =>
            bridgeUp && m.Interface is { Up: true, Addresses.Count: > 0 } && portsBySandbox.TryGetValue(m.SandboxId, out var port) && port.Up;
        var onWire = network.Members.Where(OnWire).ToList();

        var rows = new List<NetworkRow>();
        foreach (var member in network.Members)
        {
            double y = RowsTop + rows.Count * RowHeight;
            double cableY = y + BoxHeight / 2;
            portsBySandbox.TryGetValue(member.SandboxId, out var portLink);
            var eth = member.Interface;
            var reaches = OnWire(member)
                ? onWire.Where(o => o.SandboxId != member.SandboxId && SameSubnet(member.Interface!.Addresses[0], o.Interface!.Addresses[0]))
                    .Select(o => o.Name).ToList()
                : [];
            var node = new NodeBox(member.SandboxId, member.Name, member.SandboxId == selectedSandboxId, eth, reaches,
                NodeX, y, NodeWidth, BoxHeight);
            var port = portLink is null ? null : Port(portLink, cableY, member.Name);
            var cable = port is null || eth is null ? null : new VethCable(BarX + BarWidth + PortSize, cableY, NodeX, cableY,
                portLink!.Up && eth.Up, $"a veth pair: one virtual cable, {portLink.Name} (ifindex {portLink.Ifindex}) on the bridge in the session's namespace, "
                    + $"{eth.Name} (ifindex {eth.Ifindex}) in {member.Name}'s; what goes in one end comes out of the other");
            rows.Add(new NetworkRow(member.SandboxId, y, port, node, cable));
        }
        // A port whose peer is no member's eth0 (a node that is going away): drawn, so the picture shows all the kernel has.
        foreach (var stray in network.Ports.Where(p => p.SandboxId is null || !links.ContainsKey(p.SandboxId)))
        {
            double y = RowsTop + rows.Count * RowHeight;
            rows.Add(new NetworkRow("port-" + stray.Link.Name, y, Port(stray.Link, y + BoxHeight / 2, null), null, null));
        }

        double sessionHeight = RowsTop + Math.Max(rows.Count, 1) * RowHeight - 4;
        var region = new NetworkRegion(0.75, 0.75, SessionWidth, sessionHeight,
            $"the session's network namespace ({network.Session}): made by the daemon for this session alone; it holds the bridge and one end of "
            + "every node's cable, and no link to the host or the internet");
        var bridge = network.Bridge is { } b
            ? new BridgeBar(b, BarX, RowsTop - 6, BarWidth, Math.Max(rows.Count, 1) * RowHeight - 4,
                $"{b.Name}, a bridge: a virtual switch in the session's namespace (MAC {b.Mac}, {State(b)}"
                + (b.Addresses.Count > 0 ? $", {string.Join(", ", b.Addresses)}" : ", no address of its own: it only forwards between its ports") + ")")
            : null;
        string? note = network.Bridge is null ? "No bridge in the session's namespace." : rows.Count == 0 ? "No node is on the network." : null;
        return new NetworkModel(ViewWidth, sessionHeight + 2, region, bridge, rows, network.Subnet, note);
    }

    private static PortMark Port(InspectedLinkDto link, double cableY, string? node) =>
        new(link, BarX + BarWidth, cableY - PortSize / 2,
            $"{link.Name}: a port of the bridge, the session's end of "
            + (node is null ? "a veth pair whose other end is no node's eth0 now" : $"{node}'s veth pair")
            + $" (ifindex {link.Ifindex}, MAC {link.Mac}, {State(link)})");

    /// <summary>"up", "up, no carrier" or "down": IFF_UP and the kernel's operstate together.</summary>
    public static string State(InspectedLinkDto link) => (link.Up, link.OperState) switch
    {
        (false, _) => "down",
        (true, "UP" or "UNKNOWN") => "up",
        (true, var state) => $"up, {state.ToLowerInvariant()}",
    };

    /// <summary>Both "a.b.c.d/len" in the first's subnet: on one bridge, they then talk directly (ARP, no router).</summary>
    public static bool SameSubnet(string a, string b) =>
        Network(a) is { } na && Network(b) is { } nb && na.Prefix == nb.Prefix && na.Bits == nb.Bits;

    /// <summary>"10.89.0.2/24" to its network bits and prefix (IPNetwork refuses an address with host bits set).</summary>
    private static (uint Bits, int Prefix)? Network(string cidr)
    {
        string[] parts = cidr.Split('/');
        if (parts.Length != 2 || !System.Net.IPAddress.TryParse(parts[0], out var ip) || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int prefix) || prefix is < 0 or > 32)
            return null;
        byte[] bytes = ip.GetAddressBytes();
        if (bytes.Length != 4)
            return null;
        uint value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        return (value & mask, prefix);
    }

    /// <summary>A name cut to fit its box.</summary>
    public static string Short(string name, int chars = NameChars) => name.Length > chars ? name[..(chars - 1)] + "…" : name;
}

public sealed record NetworkRegion(double X, double Y, double Width, double Height, string Explanation);

public sealed record BridgeBar(InspectedLinkDto Link, double X, double Y, double Width, double Height, string Explanation)
{
    public string Label => $"{Link.Name} · bridge · {NetworkModel.State(Link)}";
}

public sealed record PortMark(InspectedLinkDto Link, double X, double Y, string Explanation)
{
    public string Label => NetworkModel.Short(Link.Name, 15);
    public double CableY => Y + NetworkModel.PortSize / 2;
}

public sealed record VethCable(double X1, double Y1, double X2, double Y2, bool Up, string Explanation);

/// <summary>One node's network namespace: its eth0, the names it reaches across the bridge.</summary>
public sealed record NodeBox(string SandboxId, string Name, bool Selected, InspectedLinkDto? Interface, IReadOnlyList<string> Reaches,
    double X, double Y, double Width, double Height)
{
    public string Title => Interface is { GuestAddress: true } ? $"{NetworkModel.Short(Name)}'s net ns · VM" : $"{NetworkModel.Short(Name)}'s net ns";
    public string? Address => Interface is { Addresses.Count: > 0 } eth ? eth.Addresses[0] + (eth.Addresses.Count > 1 ? $" +{eth.Addresses.Count - 1}" : "") : null;
    /// <summary>"eth0@if4 10.89.0.2/24": as `ip addr` inside the node names it, @ifN being the peer's (the bridge port's) ifindex.</summary>
    public string AddressLine => Interface is null ? "eth0 not readable"
        : $"{Interface.Name}{(Interface.PeerIfindex is int peer ? $"@if{peer}" : "")} {Address ?? "no IPv4"}";
    public string StateLine => Interface is null ? "" : $"{NetworkModel.State(Interface)} · {Interface.Mac}";

    public string ReachLine => Reaches.Count switch
    {
        0 => Interface is null ? "" : "reaches no other node",
        1 => $"reaches {NetworkModel.Short(Reaches[0], 14)}",
        2 when Reaches.Sum(r => r.Length) <= 14 => $"reaches {Reaches[0]}, {Reaches[1]}",
        _ => $"reaches {Reaches.Count} other nodes",
    };

    public string Explanation => Interface is null
        ? $"{Name}: its eth0 could not be read (it may be stopping)"
        : $"{Name}{(Selected ? " (the node of this terminal)" : "")}: its own network namespace; {Interface.Name} {Address ?? "without an IPv4 address"}"
          + (Interface.GuestAddress ? " (the address is the VM guest's, on the NIC QEMU gives it; tc passes every frame between eth0 and that NIC)" : "") + ", "
          + $"MAC {Interface.Mac}, {NetworkModel.State(Interface)}; "
          + (Reaches.Count == 0 ? "reaches no other node" : $"reaches {string.Join(", ", Reaches)} by address and by name through the bridge");
}

public sealed record NetworkRow(string Key, double Y, PortMark? Port, NodeBox? Node, VethCable? Cable);
