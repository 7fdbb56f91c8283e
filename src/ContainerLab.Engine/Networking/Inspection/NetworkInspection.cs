namespace ContainerLab.Engine.Networking.Inspection;

/// <summary>
/// A session's network as the kernel has it now: the bridge in the session's network namespace, the bridge's ports
/// (the session-side ends of the veth pairs) and each member sandbox's end (eth0 inside its own namespace). Every figure
/// comes from the kernel's links and addresses; only "which sandbox has which network namespace" comes from the engine.
/// </summary>
public sealed record NetworkInspection(
    DateTimeOffset TakenAt,
    string Session,
    string Subnet,
    InspectedLink? Bridge,
    IReadOnlyList<InspectedPort> Ports,
    IReadOnlyList<InspectedMember> Members);

/// <summary>
/// One network interface as `ip -j -d addr` reports it.
/// </summary>
/// <param name="Up">administratively up (IFF_UP); <paramref name="OperState"/> says whether it carries traffic.</param>
/// <param name="Addresses">IPv4 addresses with their prefix, "10.89.0.2/24".</param>
/// <param name="PeerIfindex">for a veth: its peer's ifindex, in the namespace <paramref name="PeerNetnsId"/> names.</param>
/// <param name="PeerNetnsId">for a veth whose peer lives in another namespace: that namespace's id as seen from this one.</param>
/// <param name="Master">the bridge this link is a port of.</param>
/// <param name="GuestAddress">a VM node's eth0: its address is on the guest's NIC behind it (Networking/GuestLink), so
/// <paramref name="Addresses"/> shows that one, which the host's `ip` does not see in this namespace.</param>
public sealed record InspectedLink(
    string Name, int Ifindex, string Kind, string Mac, bool Up, string OperState,
    IReadOnlyList<string> Addresses, int? PeerIfindex, int? PeerNetnsId, string? Master, bool GuestAddress = false);

/// <summary>A port of the session's bridge and the member sandbox whose eth0 is its veth peer (null when none is).</summary>
public sealed record InspectedPort(InspectedLink Link, string? SandboxId);

/// <summary>A sandbox on the session network and its end of the pair; <paramref name="Interface"/> is null when it could not be read (the sandbox just stopped).</summary>
public sealed record InspectedMember(string SandboxId, string Name, InspectedLink? Interface, string? Port);
