namespace ContainerLab.Engine.Cgroups;

/// <summary>How the host mounts cgroups, detected once by <see cref="CgroupHierarchyFactory"/>.</summary>
public enum CgroupMode
{
    /// <summary>One cgroup v1 hierarchy per controller under a tmpfs root, no cgroup2 mount.</summary>
    V1,
    /// <summary>v1 controllers, plus cgroup2 mounted at &lt;root&gt;/unified (systemd's "hybrid" layout).</summary>
    Hybrid,
    /// <summary>The root itself is cgroup2: one tree for every controller.</summary>
    V2,
}
