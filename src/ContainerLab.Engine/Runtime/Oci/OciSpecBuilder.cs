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
        // A relative cgroupsPath is taken relative to the caller's cgroup: runc (seen on a v1 host) then nests the
        // sandbox's memory cgroup under the daemon's own, where the daemon's limits and accounting would apply.
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
                Resources = Resources(spec.Limits) with { Devices = DeviceRules.With(layout.Devices, kvm: layout.KvmDevice is not null) },
                Devices = layout.Devices.Count == 0 ? null : layout.Devices,
                Seccomp = SeccompProfiles.For(spec.Profile, hostArchitecture),
                MaskedPaths = [.. ProcPaths.MaskedFor(spec.Profile), .. SysPaths.Masked],
                ReadonlyPaths = [.. ProcPaths.ReadOnlyFor(spec.Profile), .. SysPaths.ReadOnly],
            },
        };
    }

    private static OciIdMapping IdMapping(SandboxRuntimeLayout layout) =>
        new() { ContainerId = 0, HostId = layout.Ids.HostStart, Size = layout.Ids.Count };

    internal static OciResources Resources(SandboxLimits limits) => LiveResources(limits) with { Devices = DeviceRules.Default };

    /// <summary>
    /// The limits as the runtime writes them to the cgroup: in config.json at create, and in the file given to
    /// `update --resources` for a live change, so both paths say the same thing the same way.
    /// </summary>
    public static OciResources LiveResources(SandboxLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.MemoryBytes <= 0 || limits.Pids <= 0 || limits.CpuQuotaMicroseconds <= 0)
            throw new InvalidRequestException($"limits must be positive: memory {limits.MemoryBytes}, pids {limits.Pids}, cpus {limits.Cpus}");
        return new OciResources
        {
            // swap is memory+swap (v1 memory.memsw.limit_in_bytes); equal to the limit means no swap,
            // so a memory hog is OOM-killed at the limit instead of thrashing the host's swap.
            Memory = new OciMemory { Limit = limits.MemoryBytes, Swap = limits.MemoryBytes },
            Cpu = new OciCpu { Quota = limits.CpuQuotaMicroseconds, Period = SandboxLimits.CpuPeriodMicroseconds },
            // Stops a fork bomb inside the sandbox (pids.max), before it exhausts the host's pid space.
            Pids = new OciPids { Limit = limits.Pids },
        };
    }

    private static void RequireAbsolute(string path, string what)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Contains('\0'))
            throw new InvalidRequestException($"{what} '{path}' must be an absolute path");
    }
}
