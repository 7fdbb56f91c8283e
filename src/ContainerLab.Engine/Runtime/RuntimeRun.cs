namespace ContainerLab.Engine.Runtime;

/// <summary>
/// One OCI runtime process an operation ran, timed from spawn to exit: the runtime's own work (namespaces, cgroup
/// writes, mounts, the exec fifo) plus exec'ing the binary, and the hybrid-host wrapper's unshare + sh + umount when
/// <see cref="InWrapper"/>.
/// </summary>
/// <param name="Call">The runtime and its command, e.g. "crun update", "runc run --detach".</param>
public sealed record RuntimeRun(string Call, TimeSpan Elapsed, bool InWrapper)
{
    /// <summary>"crun update (in the cgroup v1 wrapper)", "crun start".</summary>
    public override string ToString() => InWrapper ? $"{Call} (in the cgroup v1 wrapper)" : Call;
}
