using ContainerLab.Engine.Processes;

namespace ContainerLab.Engine.Networking.Inspection;

/// <summary>A member of a session network as the engine knows it: which sandbox, and a process whose network namespace is the sandbox's.</summary>
/// <param name="GuestAddress">a VM node whose guest took the node's address ("10.89.0.3/24"), else null.</param>
public sealed record NetworkMemberProcess(string SandboxId, string Name, int Pid, string? GuestAddress = null);

/// <summary>
/// Reads a session network from the kernel with iproute2 (as <see cref="SessionNetworks"/> builds it): the links of the
/// session's namespace, then eth0 in each member's namespace, and pairs them. A veth pair is one cable with an end in
/// each namespace: each end names the other by ifindex, so a port and an eth0 belong together when each names the other.
/// A failing `ip` becomes a <see cref="Errors.RuntimeCommandException"/> in <see cref="HostCommand"/>, the one place.
/// </summary>
public static class NetworkInspector
{
    public const string MemberInterface = "eth0";

    public static async Task<NetworkInspection> InspectAsync(
        string session, string namespaceFile, string subnet, IReadOnlyList<NetworkMemberProcess> members, CancellationToken cancellationToken = default)
    {
        var sessionLinks = IpAddrJson.Parse(await IpAddrAsync(namespaceFile, cancellationToken).ConfigureAwait(false));
        // The bridge is the session namespace's only bridge: a switch every sandbox's cable is plugged into.
        var bridge = sessionLinks.FirstOrDefault(l => l.Kind == "bridge");
        var portLinks = bridge is null ? [] : sessionLinks.Where(l => l.Master == bridge.Name).OrderBy(l => l.Ifindex).ToList();

        var memberLinks = new List<(NetworkMemberProcess Member, InspectedLink? Link)>();
        foreach (var member in members)
        {
            // The member may stop while we look: then its end is simply not there to read.
            var result = await HostCommand.TryRunAsync(IpAddrArgv($"/proc/{member.Pid}/ns/net"), cancellationToken: cancellationToken).ConfigureAwait(false);
            var link = result.ExitCode == 0 ? IpAddrJson.Parse(result.Stdout).FirstOrDefault(l => l.Name == MemberInterface) : null;
            // Only an eth0 that is the peer of one of this bridge's ports is the member's: should the init have exited
            // and its pid been reused meanwhile, /proc/PID/ns/net is some other namespace, whose links are not shown.
            if (link is not null && !portLinks.Any(p => Paired(p, link)))
                link = null;
            if (link is not null && member.GuestAddress is { } guest && link.Addresses.Count == 0)
                link = link with { Addresses = [guest], GuestAddress = true };
            memberLinks.Add((member, link));
        }

        var ports = portLinks.Select(port => new InspectedPort(port,
            memberLinks.FirstOrDefault(m => m.Link is { } eth && Paired(port, eth)).Member?.SandboxId)).ToList();
        var inspected = memberLinks.Select(m => new InspectedMember(m.Member.SandboxId, m.Member.Name, m.Link,
            m.Link is { } eth ? portLinks.FirstOrDefault(p => Paired(p, eth))?.Name : null)).ToList();
        return new NetworkInspection(DateTimeOffset.UtcNow, session, subnet, bridge, ports, inspected);
    }

    /// <summary>Ifindexes are per namespace, so both ends must name each other, and the session end must name another namespace.</summary>
    public static bool Paired(InspectedLink port, InspectedLink eth) =>
        port.PeerIfindex == eth.Ifindex && eth.PeerIfindex == port.Ifindex && port.PeerNetnsId is not null;

    private static async Task<string> IpAddrAsync(string netns, CancellationToken cancellationToken) =>
        (await HostCommand.RunAsync(IpAddrArgv(netns), cancellationToken: cancellationToken).ConfigureAwait(false)).Stdout;

    private static string[] IpAddrArgv(string netns) => ["nsenter", $"--net={netns}", "ip", "-j", "-d", "addr", "show"];
}
