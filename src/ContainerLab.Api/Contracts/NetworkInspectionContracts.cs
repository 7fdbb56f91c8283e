namespace ContainerLab.Api.Contracts;

/// <summary>
/// GET /v1/sandboxes/{id}/network: the session network the sandbox is on, read from the kernel: the bridge in the
/// session's network namespace, its ports (the session ends of the veth pairs) and each member's eth0.
/// </summary>
public sealed record NetworkInspectionDto(
    DateTimeOffset TakenAt,
    string Session,
    string Subnet,
    InspectedLinkDto? Bridge,
    IReadOnlyList<InspectedPortDto> Ports,
    IReadOnlyList<InspectedMemberDto> Members);

/// <summary>
/// One interface. kind: "bridge", "veth" or "" (iproute2's info_kind); up: administratively up; operState: the
/// kernel's RFC 2863 state (UP, DOWN, LOWERLAYERDOWN, UNKNOWN…); addresses: IPv4 with prefix ("10.89.0.2/24");
/// peerIfindex and peerNetnsId: for a veth, its other end's ifindex and (if in another namespace) that namespace's id
/// as seen from this one; master: the bridge it is a port of.
/// </summary>
/// <param name="GuestAddress">a VM node's eth0: <paramref name="Addresses"/> is its guest's, on the NIC behind it.</param>
public sealed record InspectedLinkDto(
    string Name, int Ifindex, string Kind, string Mac, bool Up, string OperState,
    IReadOnlyList<string> Addresses, int? PeerIfindex, int? PeerNetnsId, string? Master, bool GuestAddress = false);

/// <summary>A port of the bridge and the sandbox whose eth0 is its veth peer (absent when no member's is).</summary>
public sealed record InspectedPortDto(InspectedLinkDto Link, string? SandboxId);

/// <summary>
/// A running member of the session network; interface is absent when its eth0 could not be read or is no port's peer
/// (the sandbox is stopping), port names its bridge port.
/// </summary>
public sealed record InspectedMemberDto(string SandboxId, string Name, InspectedLinkDto? Interface, string? Port);
