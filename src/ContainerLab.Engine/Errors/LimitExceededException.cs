using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Errors;

/// <summary>Which bound a requested limit broke.</summary>
public enum LimitScope
{
    /// <summary>Below the smallest value this server allows for one sandbox.</summary>
    Floor,
    /// <summary>Above the per-node ceiling.</summary>
    Node,
    /// <summary>The session's sandboxes together would be above the per-session ceiling.</summary>
    Session,
}

/// <summary>
/// A limit outside what this server allows (a 400). Carries the numbers, so that the daemon can say them again in
/// the unit the caller used (<see cref="Describe"/>); <see cref="Exception.Message"/> uses MiB, cores and counts.
/// Values are as <see cref="LimitKind.Read"/> gives them (bytes, CPU quota microseconds, counts).
/// </summary>
public sealed class LimitExceededException(LimitKind limit, LimitScope scope, long requested, long bound, string? session = null, long sessionTotal = 0)
    : ContainerLabException(Describe(limit, scope, requested, bound, session, sessionTotal, limit.Format))
{
    public LimitKind Limit { get; } = limit;
    public LimitScope Scope { get; } = scope;
    public long Requested { get; } = requested;
    public long Bound { get; } = bound;
    public string? Session { get; } = session;
    /// <summary>For <see cref="LimitScope.Session"/>: what the session's sandboxes would have together.</summary>
    public long SessionTotal { get; } = sessionTotal;

    /// <summary>The message with every value written by <paramref name="format"/> (the caller's unit).</summary>
    public string Describe(Func<long, string> format) => Describe(Limit, Scope, Requested, Bound, Session, SessionTotal, format);

    private static string Describe(LimitKind limit, LimitScope scope, long requested, long bound, string? session, long total, Func<long, string> format) => scope switch
    {
        LimitScope.Floor => $"{limit.Name} {format(requested)} is below this server's minimum of {format(bound)}",
        LimitScope.Node => $"{limit.Name} {format(requested)} is above this server's per-node ceiling of {format(bound)}",
        _ => $"{limit.Name} {format(requested)} would take {(session is null ? "this sandbox" : $"session '{session}'")} to {format(total)}, "
            + $"above this server's per-session ceiling of {format(bound)}",
    };
}
