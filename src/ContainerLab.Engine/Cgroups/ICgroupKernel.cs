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
