namespace ContainerLab.Engine.Cgroups.V1;

/// <summary>One cgroup path across the v1 mounts (opencontainers/cgroups fs/ manager).</summary>
internal sealed class V1Cgroup(V1Hierarchy hierarchy, string path) : ICgroup
{
    public string Path { get; } = path;
    public CgroupFileNames FileNames => CgroupFileNames.V1;

    public bool Exists => Directories.Any(Directory.Exists);

    /// <summary>This cgroup's directory in every mount, whether it exists or not.</summary>
    private IEnumerable<string> Directories => hierarchy.Mounts.Select(m => CgroupPath.Under(m.Directory, Path));

    public CgroupStats ReadStats() => new(
        Memory.ReadStats(DirectoryOf(Memory.Name)),
        Pids.ReadStats(DirectoryOf(Pids.Name)),
        Cpu.ReadStats(DirectoryOf(Cpu.Name), DirectoryOf(Cpu.AccountingName)));

    public CgroupLimits ReadLimits()
    {
        CgroupLimitFile memory = Memory.ReadLimit(DirectoryOf(Memory.Name)), pids = Pids.ReadLimit(DirectoryOf(Pids.Name));
        var (quota, period) = Cpu.ReadLimit(DirectoryOf(Cpu.Name));
        return new CgroupLimits(memory.Limit, pids.Limit, quota.Limit, period.Limit, [memory, pids, quota, period]);
    }

    public IReadOnlyList<int> ReadProcessIds(bool recursive = true) =>
        Directories.SelectMany(d => CgroupTree.ReadProcessIds(d, recursive)).Distinct().Order().ToList();

    /// <summary>One hierarchy instead of all of them (ten here): the pids controller's, else the first that has the cgroup.</summary>
    public IReadOnlyList<int> ReadMembers() =>
        (DirectoryOf(Pids.Name) ?? Directories.FirstOrDefault(Directory.Exists)) is { } directory
            ? CgroupTree.ReadProcessIds(directory, recursive: true).Distinct().Order().ToList()
            : [];

    /// <summary>
    /// Freeze, SIGKILL every pid of the subtree, thaw (runc's signalAllProcesses): v1 has no cgroup.kill, and
    /// without the freezer a process could fork between reading cgroup.procs and the kill.
    /// </summary>
    public void KillAll()
    {
        string? freezer = DirectoryOf(Freezer.Name);
        if (freezer is not null && !Directory.Exists(freezer))
            freezer = null;
        if (freezer is not null)
            Freezer.Freeze(hierarchy.Kernel, hierarchy.Tree, freezer);
        try
        {
            foreach (int pid in ReadProcessIds(recursive: true))
                hierarchy.Kernel.KillProcess(pid);
        }
        finally
        {
            // Frozen tasks act on SIGKILL only once thawed.
            if (freezer is not null)
                Freezer.Thaw(hierarchy.Kernel, freezer);
        }
        hierarchy.Tree.KillUntilEmpty(() => ReadProcessIds(recursive: true).Count > 0, () => ReadProcessIds(recursive: true), Path);
    }

    public void Remove()
    {
        if (ReadProcessIds(recursive: true).Count > 0)
            KillAll();
        foreach (string directory in Directories)
            hierarchy.Tree.RemoveDepthFirst(directory);
    }

    private string? DirectoryOf(string controller) =>
        hierarchy.MountOf(controller) is V1Mount mount ? CgroupPath.Under(mount.Directory, Path) : null;
}
