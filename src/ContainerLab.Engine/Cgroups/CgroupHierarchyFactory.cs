using ContainerLab.Engine.Cgroups.V1;
using ContainerLab.Engine.Cgroups.V2;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Cgroups;

/// <summary>
/// Detects the host's cgroup mode once and opens the matching hierarchy (opencontainers/cgroups
/// manager/new.go, youki libcgroups common.rs): statfs f_type of the root, then of &lt;root&gt;/unified.
/// </summary>
public static class CgroupHierarchyFactory
{
    public const string DefaultRoot = "/sys/fs/cgroup";

    /// <summary>CGROUP2_SUPER_MAGIC from include/uapi/linux/magic.h.</summary>
    public const long Cgroup2SuperMagic = 0x63677270;

    /// <summary>TMPFS_MAGIC: v1 (and hybrid) hosts mount a tmpfs at the root and one hierarchy per controller in it.</summary>
    public const long TmpfsMagic = 0x01021994;

    /// <param name="root">Where cgroups are mounted; absolute.</param>
    /// <param name="filesystemMagic">statfs f_type of a path; injected by unit tests that fake the tree.</param>
    public static ICgroupHierarchy Open(string root = DefaultRoot, Func<string, long>? filesystemMagic = null) =>
        Open(root, filesystemMagic, LinuxCgroupKernel.Instance, CgroupWaits.Default);

    internal static ICgroupHierarchy Open(string root, Func<string, long>? filesystemMagic, ICgroupKernel kernel, CgroupWaits waits)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Path.IsPathFullyQualified(root))
            throw new InvalidRequestException($"cgroup root must be an absolute path: '{root}'");
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        CgroupMode mode = DetectMode(root, filesystemMagic ?? Interop.FileSystemMagic);
        return mode == CgroupMode.V2
            ? new V2Hierarchy(root, kernel, waits)
            : new V1Hierarchy(root, mode, kernel, waits);
    }

    private static CgroupMode DetectMode(string root, Func<string, long> filesystemMagic)
    {
        long magic = filesystemMagic(root);
        if (magic == Cgroup2SuperMagic)
            return CgroupMode.V2;
        if (magic != TmpfsMagic)
            throw new InvalidRequestException($"detect cgroup mode of {root}: neither cgroup2 nor tmpfs (statfs f_type 0x{magic:x})");
        string unified = Path.Combine(root, "unified");
        return Directory.Exists(unified) && filesystemMagic(unified) == Cgroup2SuperMagic ? CgroupMode.Hybrid : CgroupMode.V1;
    }
}
