namespace ContainerLab.Engine.Sandboxes;

/// <summary>Settings of one engine instance. Several daemons can run side by side with different state dirs, cgroup parents and id bases.</summary>
public sealed record EngineOptions
{
    /// <summary>Everything the engine writes lives below this directory (images, sandboxes, runtime state, networks).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Absolute cgroup under which every sandbox's cgroup is made; nothing outside it is ever touched.</summary>
    public string CgroupParent { get; init; } = "/containerlab";

    public string CgroupRoot { get; init; } = "/sys/fs/cgroup";

    /// <summary>First host uid/gid of the per-sandbox id ranges (65536 ids each).</summary>
    public uint IdRangeBase { get; init; } = 1_000_000_000;

    /// <summary>How many sandboxes may exist at once (also the number of id ranges).</summary>
    public int MaxSandboxes { get; init; } = 256;

    /// <summary>
    /// How many of them may be VM nodes: each is an emulated (or KVM) machine booting a kernel, seconds of a core to
    /// boot and its guest's RAM plus 128 MiB, so far costlier than a container. 0: no VM nodes.
    /// </summary>
    public int MaxVmNodes { get; init; } = 8;

    /// <summary>
    /// What VM nodes' QEMU runs the guest's processor with: "auto" (KVM where a guest is seen to boot under it, tried
    /// once at the first VM node, else TCG), "kvm" or "tcg" (Sandboxes/SandboxService.Accelerator).
    /// </summary>
    public string Accelerator { get; init; } = "auto";

    /// <summary>The KVM device "auto" tries and a VM node under KVM gets a node of (Vms/KvmDevice).</summary>
    public string KvmDevice { get; init; } = "/dev/kvm";

    /// <summary>"auto", "crun" or "runc".</summary>
    public string Runtime { get; init; } = "auto";

    /// <summary>Floors and per-node and per-session ceilings; by default derived from this machine's cores and RAM.</summary>
    public LimitBounds Bounds { get; init; } = LimitBounds.For(Host.HostCapacity.Measure());

    /// <summary>Recent output kept per process for clients that reattach.</summary>
    public int ScrollbackBytes { get; init; } = 256 * 1024;

    /// <summary>Processes (init + execs) a sandbox may have tracked at once.</summary>
    public int MaxProcessesPerSandbox { get; init; } = 32;

    /// <summary>
    /// A static init run as every sandbox's pid 1 in front of its command, bind-mounted read-only at /dev/init, so the
    /// orphans a student (or a lab script) leaves behind are reaped instead of piling up as zombies against pids.max
    /// (what `docker run --init` does with tini). Debian's tini-static by default; null when absent: the command is pid 1.
    /// </summary>
    public string? InitPath { get; init; } = File.Exists(DefaultInitPath) ? DefaultInitPath : null;

    public const string DefaultInitPath = "/usr/bin/tini-static";

    /// <summary>Where Debian's busybox-static lives, for the built-in busybox image.</summary>
    public string BusyboxPath { get; init; } = "/bin/busybox";

    public string SandboxesDirectory => Path.Combine(StateDirectory, "sandboxes");
    public string ImagesDirectory => Path.Combine(StateDirectory, "images");
    public string RuntimeDirectory => Path.Combine(StateDirectory, "runtime");
    public string NetworksDirectory => Path.Combine(StateDirectory, "networks");
    /// <summary>Formatted ext4 templates that sandboxes' disk images are copied from.</summary>
    public string DiskTemplatesDirectory => Path.Combine(StateDirectory, "disk-templates");
}
