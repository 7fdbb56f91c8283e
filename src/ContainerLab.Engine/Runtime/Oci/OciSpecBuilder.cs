using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Runtime.Seccomp;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// Builds a sandbox's config.json (OCI runtime spec 1.0.2, as understood by crun 1.8.1 and runc 1.1.5)
/// from what was asked for (<see cref="SandboxSpec"/>) and where the engine put it (<see cref="SandboxRuntimeLayout"/>).
/// </summary>
public static class OciSpecBuilder
{
    /// <summary>CFS period in microseconds; the quota is Cpus times this.</summary>
    public const ulong CpuPeriodMicroseconds = 100_000;

    /// <summary>The kernel refuses a CFS quota under 1 ms (kernel/sched/core.c min_cfs_quota_period).</summary>
    public const long MinCpuQuotaMicroseconds = 1_000;

    /// <summary>Every namespace is new (no paths): nothing is shared with the host or other sandboxes.</summary>
    public static IReadOnlyList<OciNamespaceType> NewNamespaces { get; } =
    [
        OciNamespaceType.Pid, OciNamespaceType.Mount, OciNamespaceType.Uts, OciNamespaceType.Ipc,
        OciNamespaceType.Network, OciNamespaceType.Cgroup, OciNamespaceType.User,
    ];

    public static OciSpec Build(SandboxSpec spec, SandboxRuntimeLayout layout) =>
        Build(spec, layout, RuntimeInformation.OSArchitecture);

    public static OciSpec Build(SandboxSpec spec, SandboxRuntimeLayout layout, Architecture hostArchitecture)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(layout);
        RequireAbsolute(layout.RootfsPath, "rootfs path");
        // A relative cgroupsPath is taken relative to the caller's cgroup, and runc then nests the
        // memory cgroup under the daemon's own (PLATFORM.md).
        RequireAbsolute(layout.CgroupsPath, "cgroups path");
        if (layout.Ids.Count == 0)
            throw new InvalidRequestException("the sandbox's id range is empty");

        return new OciSpec
        {
            Root = new OciRoot { Path = layout.RootfsPath, Readonly = false },
            Process = OciProcessBuilder.ForInit(spec, layout),
            Hostname = layout.Hostname,
            Mounts = DefaultMounts.For(layout),
            Linux = new OciLinux
            {
                // Every namespace new. The user namespace is what makes root inside an unprivileged,
                // unique uid outside; the others are owned by it, so capabilities inside act only on them.
                Namespaces = [.. NewNamespaces.Select(t => new OciNamespace { Type = t })],
                UidMappings = [IdMapping(layout)],
                GidMappings = [IdMapping(layout)],
                CgroupsPath = layout.CgroupsPath,
                Resources = Resources(spec.Limits),
                Seccomp = SeccompProfiles.For(spec.Profile, hostArchitecture),
                MaskedPaths = [.. ProcPaths.MaskedFor(spec.Profile), .. SysPaths.Masked],
                ReadonlyPaths = [.. ProcPaths.ReadOnlyFor(spec.Profile), .. SysPaths.ReadOnly],
            },
        };
    }

    private static OciIdMapping IdMapping(SandboxRuntimeLayout layout) =>
        new() { ContainerId = 0, HostId = layout.Ids.HostStart, Size = layout.Ids.Count };

    internal static OciResources Resources(SandboxLimits limits)
    {
        if (limits.MemoryBytes <= 0)
            throw new InvalidRequestException($"memory limit {limits.MemoryBytes} must be positive");
        if (limits.Pids <= 0)
            throw new InvalidRequestException($"pids limit {limits.Pids} must be positive");
        if (!double.IsFinite(limits.Cpus) || limits.Cpus <= 0)
            throw new InvalidRequestException($"cpus {limits.Cpus} must be a positive number");
        return new OciResources
        {
            Devices = DeviceRules.Default,
            // swap is memory+swap (v1 memory.memsw.limit_in_bytes); equal to the limit means no swap,
            // so a memory hog is OOM-killed at the limit instead of thrashing the host's swap.
            Memory = new OciMemory { Limit = limits.MemoryBytes, Swap = limits.MemoryBytes },
            Cpu = new OciCpu { Quota = CpuQuota(limits.Cpus), Period = CpuPeriodMicroseconds },
            // Stops a fork bomb inside the sandbox (pids.max), before it exhausts the host's pid space.
            Pids = new OciPids { Limit = limits.Pids },
        };
    }

    internal static long CpuQuota(double cpus) =>
        Math.Max(MinCpuQuotaMicroseconds, (long)Math.Round(cpus * CpuPeriodMicroseconds, MidpointRounding.AwayFromZero));

    private static void RequireAbsolute(string path, string what)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Contains('\0'))
            throw new InvalidRequestException($"{what} '{path}' must be an absolute path");
    }
}
