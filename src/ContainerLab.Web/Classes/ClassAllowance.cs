using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Classes;

/// <summary>A class's per-student limits as a session's allowance, never above the server's settings.</summary>
public static class ClassAllowance
{
    public static SessionAllowance For(ClassLimits limits, WebOptions server) => new(
        Math.Min(limits.Nodes, server.NodesPerSession),
        Math.Min(limits.VmNodes, server.VmNodesPerSession),
        new LimitValues(limits.NodeMemoryBytes, limits.NodeCpus, limits.NodePids, limits.NodeDiskBytes),
        TimeSpan.FromMinutes(limits.IdleMinutes) < server.IdleTimeout ? TimeSpan.FromMinutes(limits.IdleMinutes) : server.IdleTimeout);

    /// <summary>The allowance of the newest open class <paramref name="accountId"/> belongs to; null when none (the server's).</summary>
    public static async Task<SessionAllowance?> OfLearnerAsync(ClassDirectory classes, string? accountId, WebOptions server, CancellationToken cancellationToken) =>
        accountId is not null && await classes.OpenClassOfAsync(accountId, cancellationToken) is { } open ? For(open.Limits, server) : null;
}
