using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Networking;
using ContainerLab.Engine.Networking.Inspection;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    /// <summary>
    /// The session network <paramref name="idOrName"/> is on, read from the kernel: the bridge, its ports and every
    /// running member's eth0. A sandbox without a session network has none to show (conflict).
    /// </summary>
    public Task<NetworkInspection> InspectNetworkAsync(string idOrName, CancellationToken cancellationToken = default)
    {
        var sandbox = Find(idOrName);
        if (sandbox.Network is not { } network)
            throw new ConflictException($"sandbox '{sandbox.Name}' is not on a session network");
        var members = _sandboxes.Values
            .Where(s => s.Network?.Session == network.Session && !s.Removed && s.Init?.Running == true)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new NetworkMemberProcess(s.Id, s.Name, s.Init!.Handle.Pid, s.GuestAddressed ? $"{s.Network!.Address}/24" : null))
            .ToList();
        return NetworkInspector.InspectAsync(network.Session, Networks.NamespaceFile(network.Session), SessionNetworks.Subnet, members, cancellationToken);
    }
}
