namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// The limits a caller wants changed on a running sandbox; null fields stay as they are. Only what the kernel can
/// change on a live cgroup: the writable layer's size and inodes and RLIMIT_NOFILE are fixed at create.
/// </summary>
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
