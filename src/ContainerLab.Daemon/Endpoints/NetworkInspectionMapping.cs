using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Networking.Inspection;

namespace ContainerLab.Daemon.Endpoints;

internal static class NetworkInspectionMapping
{
    public static NetworkInspectionDto ToDto(this NetworkInspection inspection) => new(
        inspection.TakenAt,
        inspection.Session,
        inspection.Subnet,
        inspection.Bridge?.ToDto(),
        [.. inspection.Ports.Select(p => new InspectedPortDto(p.Link.ToDto(), p.SandboxId))],
        [.. inspection.Members.Select(m => new InspectedMemberDto(m.SandboxId, m.Name, m.Interface?.ToDto(), m.Port))]);

    private static InspectedLinkDto ToDto(this InspectedLink link) => new(
        link.Name, link.Ifindex, link.Kind, link.Mac, link.Up, link.OperState, link.Addresses, link.PeerIfindex, link.PeerNetnsId, link.Master, link.GuestAddress);
}
