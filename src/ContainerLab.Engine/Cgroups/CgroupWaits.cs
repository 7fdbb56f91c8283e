namespace ContainerLab.Engine.Cgroups;

/// <summary>How long cgroup operations wait for the kernel. Unit tests shorten them.</summary>
internal sealed record CgroupWaits(TimeSpan EmptyTimeout, TimeSpan FreezeTimeout, TimeSpan PollInterval, int RemoveAttempts)
{
    /// <summary>
    /// SIGKILLed tasks leave the cgroup when they finish do_exit, normally within milliseconds; a task in
    /// uninterruptible sleep (D state, e.g. on NFS) can take longer. rmdir can report EBUSY briefly after the last
    /// task left while the css goes offline, hence a few retries with doubling delay (as opencontainers/cgroups).
    /// </summary>
    public static CgroupWaits Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10), 7);
}
