namespace ContainerLab.Engine.Cgroups;

/// <summary>
/// The calls cgroup code makes that change kernel state. Reads are plain file reads; these three go through
/// here so unit tests on a fake tree can play the kernel (refuse rmdir of a populated cgroup, enforce memsw order).
/// </summary>
internal interface ICgroupKernel
{
    /// <summary>write(2) <paramref name="value"/> to a control file in one call; throws KernelCallException.</summary>
    void WriteFile(string path, string value);

    /// <summary>rmdir(2); throws KernelCallException (ENOENT, EBUSY, ...).</summary>
    void RemoveDirectory(string path);

    /// <summary>kill(pid, SIGKILL); a process that is already gone (ESRCH) is not an error.</summary>
    void KillProcess(int pid);
}

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
