namespace ContainerLab.Engine.Sandboxes;

/// <summary>Limits to change on a running sandbox; null fields are left as they are.</summary>
public sealed record LimitUpdate(long? MemoryBytes = null, int? Pids = null, double? Cpus = null)
{
    public bool IsEmpty => MemoryBytes is null && Pids is null && Cpus is null;

    /// <summary>The sandbox's limits with these changes applied.</summary>
    public SandboxLimits ApplyTo(SandboxLimits current) => current with
    {
        MemoryBytes = MemoryBytes ?? current.MemoryBytes,
        Pids = Pids ?? current.Pids,
        Cpus = Cpus ?? current.Cpus,
    };
}
