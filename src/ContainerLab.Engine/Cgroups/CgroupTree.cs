using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Cgroups;

/// <summary>Directory-tree operations shared by v1 (once per controller mount) and v2 (once).</summary>
internal sealed class CgroupTree(ICgroupKernel kernel, CgroupWaits waits)
{
    /// <summary>Names of the direct child cgroups; empty if <paramref name="directory"/> does not exist.</summary>
    public static IReadOnlyList<string> ChildNames(string directory)
    {
        if (!Directory.Exists(directory))
            return []; // gone, or a control file named like a cgroup ("/x/cgroup.procs")
        try
        {
            return Directory.EnumerateDirectories(directory).Select(d => Path.GetFileName(d)).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Pids in cgroup.procs of <paramref name="directory"/> and, if asked, of every descendant.</summary>
    public static IEnumerable<int> ReadProcessIds(string directory, bool recursive)
    {
        IEnumerable<int> own = CgroupFile.ReadProcessIds(Path.Combine(directory, "cgroup.procs"));
        return recursive
            ? own.Concat(ChildNames(directory).SelectMany(child => ReadProcessIds(Path.Combine(directory, child), true)))
            : own;
    }

    /// <summary>
    /// rmdir children before parents: the kernel refuses rmdir of a cgroup that still has child cgroups
    /// (cgroup_destroy_locked returns EBUSY), and a student may have created some inside the sandbox.
    /// </summary>
    public void RemoveDepthFirst(string directory)
    {
        foreach (string child in ChildNames(directory))
            RemoveDepthFirst(Path.Combine(directory, child));
        RemoveOne(directory);
    }

    private void RemoveOne(string directory)
    {
        TimeSpan delay = waits.PollInterval;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                kernel.RemoveDirectory(directory);
                return;
            }
            catch (KernelCallException e) when (e.Errno == Interop.ENOENT)
            {
                return; // already gone: removal is idempotent
            }
            catch (KernelCallException e) when (e.Errno == Interop.EBUSY && attempt < waits.RemoveAttempts)
            {
                // Killed tasks may still be finishing do_exit, or the css is still going offline.
                Thread.Sleep(delay);
                delay *= 2;
            }
        }
    }

    /// <summary>
    /// Polls until <paramref name="populated"/> is false, SIGKILLing what <paramref name="remaining"/> lists each
    /// round (a process that forked before being killed leaves a child behind when no freezer stopped it).
    /// </summary>
    public void KillUntilEmpty(Func<bool> populated, Func<IReadOnlyList<int>> remaining, string path)
    {
        DateTime deadline = DateTime.UtcNow + waits.EmptyTimeout;
        while (populated())
        {
            IReadOnlyList<int> pids = remaining();
            if (DateTime.UtcNow > deadline)
                throw new KernelCallException(
                    $"wait for cgroup to empty after SIGKILL ({pids.Count} left: {string.Join(' ', pids.Take(10))})", path, Interop.EBUSY);
            foreach (int pid in pids)
                kernel.KillProcess(pid);
            Thread.Sleep(waits.PollInterval);
        }
    }

    /// <summary>Polls <paramref name="done"/> until true or the freeze timeout passes; returns the last answer.</summary>
    public bool WaitFor(Func<bool> done)
    {
        DateTime deadline = DateTime.UtcNow + waits.FreezeTimeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            Thread.Sleep(waits.PollInterval);
        }
        return true;
    }
}
