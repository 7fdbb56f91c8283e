namespace ContainerLab.Engine.Cgroups;

/// <summary>
/// The host's cgroup file systems, v1 or v2 behind one shape (opencontainers/cgroups manager/new.go).
/// Paths are absolute inside the hierarchy, as in config.json's cgroupsPath: "/containerlab/abc".
/// </summary>
public interface ICgroupHierarchy
{
    CgroupMode Mode { get; }

    /// <summary>Where the hierarchy is mounted, normally /sys/fs/cgroup.</summary>
    string Root { get; }

    /// <summary>
    /// cgroup.controllers of the cgroup2 mount: &lt;root&gt;/unified on Hybrid (crun 1.8.1 refuses hybrid hosts
    /// when this is non-empty), the root on V2, empty on V1.
    /// </summary>
    IReadOnlyList<string> UnifiedControllers { get; }

    /// <summary>Which of memory, pids, cpu (and freezer on v1) this host does not offer.</summary>
    IReadOnlyList<string> MissingControllers();

    /// <summary>A handle on the cgroup at <paramref name="path"/>; it need not exist yet. The root itself is refused.</summary>
    /// <exception cref="Errors.InvalidRequestException">The path is relative, has empty, "." or ".." segments, or is "/".</exception>
    ICgroup Open(string path);

    /// <summary>Names of the direct child cgroups of <paramref name="path"/> (v1: union over controllers); empty if it does not exist.</summary>
    IReadOnlyList<string> ListChildren(string path);
}
