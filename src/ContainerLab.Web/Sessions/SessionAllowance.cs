using ContainerLab.Web.Limits;

namespace ContainerLab.Web.Sessions;

/// <summary>
/// What one session may use: nodes, VM nodes, each node's limits (a ceiling that is also what a new node gets) and the
/// idle timeout. The server's settings by default; a class's limits for its students, never above the server's.
/// </summary>
public sealed record SessionAllowance(int Nodes, int VmNodes, LimitValues? NodeLimits, TimeSpan IdleTimeout)
{
    public static SessionAllowance Server(WebOptions options) =>
        new(options.NodesPerSession, options.VmNodesPerSession, null, options.IdleTimeout);
}
