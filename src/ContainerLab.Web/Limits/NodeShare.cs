namespace ContainerLab.Web.Limits;

/// <summary>
/// What one node of a session may be given now: at least the floor, at most the per-node ceiling and what the
/// per-session ceiling leaves after the session's other running nodes (<see cref="Others"/>, their limits summed).
/// </summary>
public sealed record NodeShare(EffectiveLimits Limits, LimitValues Others)
{
    public static NodeShare Of(EffectiveLimits limits, IEnumerable<LimitValues> others) =>
        new(limits, others.Aggregate(LimitValues.Zero, (sum, node) => sum.Plus(node)));

    public double Min(LimitKind kind) => kind.Read(Limits.Floor);

    /// <summary>The most this node may have: the per-node ceiling, or less when the session's others hold the rest.</summary>
    public double Max(LimitKind kind) =>
        Math.Max(Min(kind), Math.Min(kind.Read(Limits.Node), kind.Read(Limits.Session) - kind.Read(Others)));

    /// <summary>What the session has not given to any node, this one's <paramref name="mine"/> included (never below 0).</summary>
    public double Left(LimitKind kind, LimitValues mine) =>
        Math.Max(0, kind.Read(Limits.Session) - kind.Read(Others) - kind.Read(mine));

    /// <summary>
    /// Why <paramref name="requested"/> is not allowed, in the daemon's words and the controls' units ("memory 450 MiB
    /// is above this server's per-node ceiling of 384 MiB"); null when it is.
    /// </summary>
    public string? Refusal(LimitKind kind, double requested)
    {
        double floor = Min(kind), node = kind.Read(Limits.Node), session = kind.Read(Limits.Session), total = requested + kind.Read(Others);
        if (requested < floor)
            return $"{kind.Name} {kind.Format(requested)} is below this server's minimum of {kind.Format(floor)}";
        if (requested > node)
            return $"{kind.Name} {kind.Format(requested)} is above this server's per-node ceiling of {kind.Format(node)}";
        if (total > session)
            return $"{kind.Name} {kind.Format(requested)} would take your session to {kind.Format(total)}, above this server's per-session ceiling of {kind.Format(session)}";
        return null;
    }

    /// <summary>"up to 384 MiB per node, 768 MiB for your session, 256 MiB left" (the session part only when the session has a ceiling).</summary>
    public string Describe(LimitKind kind, LimitValues mine)
    {
        string perNode = EffectiveLimits.IsBounded(kind, Limits.Node) ? $"up to {kind.Format(kind.Read(Limits.Node))} per node" : "no ceiling per node";
        return EffectiveLimits.IsBounded(kind, Limits.Session)
            ? $"{perNode}, {kind.Format(kind.Read(Limits.Session))} for your session, {kind.Format(Left(kind, mine))} left"
            : perNode;
    }
}
