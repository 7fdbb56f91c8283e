namespace ContainerLab.Engine.Cgroups.V2;

/// <summary>cgroup v2: one tree, controllers listed in the root's cgroup.controllers (opencontainers/cgroups fs2/).</summary>
internal sealed class V2Hierarchy : ICgroupHierarchy
{
    private static readonly string[] Required = [Memory.Name, Pids.Name, Cpu.Name];

    public V2Hierarchy(string root, ICgroupKernel kernel, CgroupWaits waits)
    {
        Root = root;
        Kernel = kernel;
        Tree = new CgroupTree(kernel, waits);
    }

    public CgroupMode Mode => CgroupMode.V2;
    public string Root { get; }
    internal ICgroupKernel Kernel { get; }
    internal CgroupTree Tree { get; }

    /// <summary>Read on each call: cgroup.controllers changes when a controller is bound to or released from v1.</summary>
    public IReadOnlyList<string> UnifiedControllers => CgroupFile.ReadWords(Path.Combine(Root, "cgroup.controllers"));

    public IReadOnlyList<string> MissingControllers()
    {
        IReadOnlyList<string> available = UnifiedControllers;
        return Required.Where(c => !available.Contains(c)).ToList();
    }

    public ICgroup Open(string path) => new V2Cgroup(this, CgroupPath.Validate(path, allowRoot: false));

    public IReadOnlyList<string> ListChildren(string path) =>
        CgroupTree.ChildNames(CgroupPath.Under(Root, CgroupPath.Validate(path, allowRoot: true))).Order(StringComparer.Ordinal).ToList();
}
