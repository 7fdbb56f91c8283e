namespace ContainerLab.Engine.Cgroups.V2;

/// <summary>One cgroup in the v2 tree: a single directory holding every controller's files.</summary>
internal sealed class V2Cgroup(V2Hierarchy hierarchy, string path) : ICgroup
{
    private readonly string _directory = CgroupPath.Under(hierarchy.Root, path);

    public string Path { get; } = path;
    public CgroupFileNames FileNames => CgroupFileNames.V2;

    public bool Exists => Directory.Exists(_directory);

    public CgroupStats ReadStats() => new(Memory.ReadStats(_directory), Pids.ReadStats(_directory), Cpu.ReadStats(_directory));

    public CgroupLimits ReadLimits()
    {
        CgroupLimitFile memory = Memory.ReadLimit(_directory), pids = Pids.ReadLimit(_directory), cpu = Cpu.ReadLimit(_directory);
        (long? quota, long? period) = Cpu.ParseMax(cpu.Text, cpu.Path);
        return new CgroupLimits(memory.Limit, pids.Limit, quota, period, [memory, pids, cpu]);
    }

    public IReadOnlyList<int> ReadProcessIds(bool recursive = true) =>
        CgroupTree.ReadProcessIds(_directory, recursive).Distinct().Order().ToList();

    /// <summary>
    /// cgroup.kill (kernel 5.14+) SIGKILLs the whole subtree atomically, forks included. Older kernels: freeze,
    /// kill each pid, thaw. Either way wait until cgroup.events says "populated 0".
    /// </summary>
    public void KillAll()
    {
        if (!Exists)
            return;
        string kill = System.IO.Path.Combine(_directory, "cgroup.kill");
        if (File.Exists(kill))
        {
            hierarchy.Kernel.WriteFile(kill, "1");
        }
        else
        {
            bool freezable = Freezer.IsAvailable(_directory);
            if (freezable)
                Freezer.Freeze(hierarchy.Kernel, hierarchy.Tree, _directory);
            try
            {
                foreach (int pid in ReadProcessIds(recursive: true))
                    hierarchy.Kernel.KillProcess(pid);
            }
            finally
            {
                if (freezable)
                    Freezer.Thaw(hierarchy.Kernel, _directory);
            }
        }
        hierarchy.Tree.KillUntilEmpty(IsPopulated, () => ReadProcessIds(recursive: true), Path);
    }

    public void Remove()
    {
        if (IsPopulated())
            KillAll();
        hierarchy.Tree.RemoveDepthFirst(_directory);
    }

    /// <summary>cgroup.events "populated" covers the subtree (and tasks still exiting); pids when it is missing.</summary>
    private bool IsPopulated()
    {
        IReadOnlyDictionary<string, long> events = CgroupFile.ReadKeyed(System.IO.Path.Combine(_directory, "cgroup.events"));
        return events.TryGetValue("populated", out long populated)
            ? populated != 0
            : ReadProcessIds(recursive: true).Count > 0;
    }
}
