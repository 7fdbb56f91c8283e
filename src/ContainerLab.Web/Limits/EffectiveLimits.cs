using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Limits;

/// <summary>A web ceiling or node default above the daemon's ceiling, lowered to it (logged once as a warning).</summary>
public sealed record LoweredSetting(string Setting, LimitKind Kind, double Configured, double Used, string Bound)
{
    public override string ToString() =>
        $"{Setting} {Kind.Format(Configured)} is above the daemon's {Bound} of {Kind.Format(Used)}; using {Kind.Format(Used)}";
}

/// <summary>
/// What this class server allows, as the web applies it: the daemon's floor and ceilings (GET /v1/info `limits`), each
/// ceiling lowered to the web's own setting where that is smaller, and what a new node gets (<see cref="NodeDefaults"/>,
/// within the per-node ceiling). The daemon enforces its ceilings; the web enforces the lower ones it adds.
/// </summary>
public sealed record EffectiveLimits(LimitValues Floor, LimitValues NodeDefaults, LimitValues Node, LimitValues Session)
{
    /// <summary>Without a daemon's floor: the least a value may be at all.</summary>
    private static readonly LimitValues NoFloor = new(LimitValues.MiB, 0.01, 1, LimitValues.MiB);

    /// <summary>
    /// The smaller of the web's and the daemon's ceilings (<paramref name="daemon"/> null: the daemon did not say); a
    /// per-node ceiling never above the per-session one; node defaults within the per-node ceiling. What was lowered
    /// because the daemon allows less is in <paramref name="lowered"/>. The web's settings against each other were
    /// checked at start (<see cref="WebOptionsValidator"/>).
    /// </summary>
    public static EffectiveLimits Combine(Sessions.WebOptions web, LimitBoundsDto? daemon, out IReadOnlyList<LoweredSetting> lowered)
    {
        ArgumentNullException.ThrowIfNull(web);
        var floor = LimitValues.From(daemon?.Floor, NoFloor);
        var daemonNode = LimitValues.From(daemon?.Node, LimitValues.Unbounded);
        var daemonSession = LimitValues.From(daemon?.Session, LimitValues.Unbounded);
        var webNode = web.NodeCeiling();
        var webSession = web.SessionCeiling();
        var defaults = web.NodeDefaults();
        var found = new List<LoweredSetting>();
        foreach (var kind in LimitKind.All)
        {
            Lower(kind.NodeSetting, kind, kind.Read(webNode), kind.Read(daemonNode), "per-node ceiling");
            Lower(kind.SessionSetting, kind, kind.Read(webSession), kind.Read(daemonSession), "per-session ceiling");
            Lower(kind.DefaultSetting, kind, kind.Read(defaults), kind.Read(daemonNode.Min(daemonSession)), "per-node ceiling");
        }
        lowered = found;
        var session = webSession.Min(daemonSession);
        var node = webNode.Min(daemonNode).Min(session);
        return new EffectiveLimits(floor, defaults.Min(node), node, session);

        void Lower(string setting, LimitKind kind, double configured, double bound, string name)
        {
            if (IsSet(configured) && configured > bound)
                found.Add(new LoweredSetting(setting, kind, configured, bound, name));
        }
    }

    /// <summary>True when the ceiling of <paramref name="kind"/> in <paramref name="values"/> is set (by the web or the daemon).</summary>
    public static bool IsBounded(LimitKind kind, LimitValues values) => IsSet(kind.Read(values));

    private static bool IsSet(double ceiling) => double.IsFinite(ceiling) && ceiling < long.MaxValue;
}
