using System.Globalization;

namespace ContainerLab.Engine.Networking;

/// <summary>
/// Puts a VM node's guest on its session network in place of its QEMU sandbox: in the sandbox's network namespace a
/// tap device (tap0, owned by QEMU's uid so that QEMU opens it without CAP_NET_ADMIN) and the veth eth0 are joined by
/// tc, every frame arriving on one sent out of the other (mirred redirect, as Kata Containers does), and eth0 gives up
/// its address to the guest and takes the guest NIC's MAC. The bridge, the other nodes and ARP then see the guest where
/// the sandbox was: same address, same MAC, same port.
/// </summary>
public static class GuestLink
{
    public const string Tap = "tap0";

    /// <summary>The guest NIC's MAC: QEMU's locally administered prefix 52:54:00 and three bytes of the node's id.</summary>
    public static string MacFor(string sandboxId) =>
        string.Create(CultureInfo.InvariantCulture, $"52:54:00:{sandboxId[0..2]}:{sandboxId[2..4]}:{sandboxId[4..6]}");

    /// <summary>In the network namespace of <paramref name="pid"/> (the QEMU sandbox's init, not yet started).</summary>
    public static async Task HandOverAsync(int pid, string mac, uint qemuUid, CancellationToken cancellationToken)
    {
        string netns = $"/proc/{pid}/ns/net";
        await SessionNetworks.IpBatchAsync(netns, cancellationToken,
            string.Create(CultureInfo.InvariantCulture, $"tuntap add dev {Tap} mode tap user {qemuUid} group {qemuUid}"),
            $"link set {Tap} up",
            "addr flush dev eth0",
            $"link set eth0 address {mac}").ConfigureAwait(false);
        // u32 "match u32 0 0" matches every frame; ingress of each side is redirected to the egress of the other.
        await SessionNetworks.BatchAsync("tc", netns, cancellationToken,
            "qdisc add dev eth0 ingress",
            $"filter add dev eth0 parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev {Tap}",
            $"qdisc add dev {Tap} ingress",
            $"filter add dev {Tap} parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev eth0").ConfigureAwait(false);
    }

    /// <summary>What the guest runs (through its agent) to take the address: busybox's ip, on the NIC QEMU gave it.</summary>
    public static IReadOnlyList<string> AddressCommand(string address) =>
        ["sh", "-c", $"ip addr add {address}/24 dev eth0 && ip link set eth0 up"];

    /// <summary>The session's names for the guest: its /etc/hosts, given on stdin.</summary>
    public static IReadOnlyList<string> HostsCommand { get; } = ["sh", "-c", "cat > /etc/hosts"];
}
