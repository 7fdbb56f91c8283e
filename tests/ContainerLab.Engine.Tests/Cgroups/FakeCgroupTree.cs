using ContainerLab.Engine.Cgroups;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Cgroups;

/// <summary>A cgroup mount layout written into a temp dir (like opencontainers/cgroups fs2/memory_test.go).</summary>
internal sealed class FakeCgroupTree : IDisposable
{
    public const long V1Unlimited = 9223372036854771712;
    private readonly TempDirectory _temp = new("clab-cgroups-");

    private FakeCgroupTree(CgroupMode mode)
    {
        Mode = mode;
        Kernel = new FakeCgroupKernel(Root);
    }

    public CgroupMode Mode { get; }
    public string Root => _temp.Path;
    public FakeCgroupKernel Kernel { get; }

    /// <summary>v1 mounts memory, pids, cpu, cpuacct, freezer, devices (and unified with the given controllers on Hybrid).</summary>
    public static FakeCgroupTree V1(string[]? v1Mounts = null, string? unifiedControllers = null)
    {
        var tree = new FakeCgroupTree(unifiedControllers is null ? CgroupMode.V1 : CgroupMode.Hybrid);
        foreach (string mount in v1Mounts ?? ["memory", "pids", "cpu", "cpuacct", "freezer", "devices"])
            Directory.CreateDirectory(Path.Combine(tree.Root, mount));
        if (unifiedControllers is not null)
            tree.Write("unified/cgroup.controllers", unifiedControllers);
        return tree;
    }

    public static FakeCgroupTree V2(string controllers = "cpuset cpu io memory hugetlb pids rdma misc")
    {
        var tree = new FakeCgroupTree(CgroupMode.V2);
        tree.Write("cgroup.controllers", controllers + "\n");
        return tree;
    }

    public ICgroupHierarchy Open() => CgroupHierarchyFactory.Open(Root, Magic, Kernel, FakeCgroupKernel.FastWaits);

    /// <summary>statfs as the kernel would answer for this layout.</summary>
    public long Magic(string path) => path == Root
        ? (Mode == CgroupMode.V2 ? CgroupHierarchyFactory.Cgroup2SuperMagic : CgroupHierarchyFactory.TmpfsMagic)
        : path == Path.Combine(Root, "unified") && Mode == CgroupMode.Hybrid ? CgroupHierarchyFactory.Cgroup2SuperMagic : 0x27e0eb;

    /// <summary>Writes a file relative to the root, creating its directories (cgroups).</summary>
    public void Write(string relativePath, string content)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath)).Trim();

    public bool Exists(string relativePath) => Path.Exists(Path.Combine(Root, relativePath));

    public void Dispose() => _temp.Dispose();
}
