namespace ContainerLab.Engine.Cgroups.V1;

/// <summary>One v1 hierarchy mount under the root, e.g. "memory" or "cpu,cpuacct", or cgroup2 "unified" on Hybrid.</summary>
internal sealed record V1Mount(string Directory, IReadOnlySet<string> Controllers);

/// <summary>
/// cgroup v1: a tmpfs root with one mount per controller (or per co-mounted group). The runtime creates the
/// sandbox's path in each of them, so listing and removal cover every mount, not only the ones we limit.
/// </summary>
internal sealed class V1Hierarchy : ICgroupHierarchy
{
    private static readonly string[] Required = [Memory.Name, Pids.Name, Cpu.Name, Freezer.Name];

    public V1Hierarchy(string root, CgroupMode mode, ICgroupKernel kernel, CgroupWaits waits)
    {
        Root = root;
        Mode = mode;
        Kernel = kernel;
        Tree = new CgroupTree(kernel, waits);
        Mounts = DiscoverMounts(root);
        UnifiedControllers = mode == CgroupMode.Hybrid
            ? CgroupFile.ReadWords(Path.Combine(root, "unified", "cgroup.controllers"))
            : [];
    }

    public CgroupMode Mode { get; }
    public string Root { get; }
    public IReadOnlyList<string> UnifiedControllers { get; }
    internal IReadOnlyList<V1Mount> Mounts { get; }
    internal ICgroupKernel Kernel { get; }
    internal CgroupTree Tree { get; }

    public IReadOnlyList<string> MissingControllers() => Required.Where(c => MountOf(c) is null).ToList();

    public ICgroup Open(string path) => new V1Cgroup(this, CgroupPath.Validate(path, allowRoot: false));

    public IReadOnlyList<string> ListChildren(string path)
    {
        CgroupPath.Validate(path, allowRoot: true);
        return Mounts.SelectMany(m => CgroupTree.ChildNames(CgroupPath.Under(m.Directory, path)))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The mount that carries <paramref name="controller"/>, or null when the host lacks it.</summary>
    internal V1Mount? MountOf(string controller) => Mounts.FirstOrDefault(m => m.Controllers.Contains(controller));

    /// <summary>
    /// Every directory under the root is a hierarchy mount. Names like "cpu,cpuacct" list co-mounted controllers,
    /// and distributions add symlinks ("cpu" -> "cpu,cpuacct"), which are folded into the mount they point to.
    /// </summary>
    private static List<V1Mount> DiscoverMounts(string root)
    {
        var byTarget = new Dictionary<string, (string Directory, HashSet<string> Controllers)>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var info = new DirectoryInfo(entry);
            string target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
            if (!byTarget.TryGetValue(target, out var mount))
                byTarget[target] = mount = (target, new HashSet<string>(StringComparer.Ordinal));
            mount.Controllers.UnionWith(info.Name.Split(','));
            mount.Controllers.UnionWith(Path.GetFileName(target).Split(','));
        }
        return byTarget.Values.Select(m => new V1Mount(m.Directory, m.Controllers)).ToList();
    }
}
