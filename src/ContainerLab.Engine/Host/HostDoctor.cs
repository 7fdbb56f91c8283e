using ContainerLab.Engine.Cgroups;
using ContainerLab.Engine.Runtime;

namespace ContainerLab.Engine.Host;

/// <summary>One requirement of the engine and whether this host meets it.</summary>
public sealed record HostCheck(string Name, bool Ok, string Detail);

/// <summary>What `clabctl doctor` reports: the cgroup mode and every kernel feature and tool the engine needs.</summary>
public static class HostDoctor
{
    public static IReadOnlyList<HostCheck> Run(ICgroupHierarchy cgroups, OciRuntime? runtime, string busyboxPath)
    {
        var checks = new List<HostCheck>
        {
            new("root", Environment.IsPrivilegedProcess, Environment.IsPrivilegedProcess ? "running as root" : "containerlabd must run as root"),
        };
        var missing = cgroups.MissingControllers();
        checks.Add(new("cgroups", missing.Count == 0, $"{Describe(cgroups)}; " +
            (missing.Count == 0 ? "memory, pids and cpu controllers available" : $"missing controllers: {string.Join(", ", missing)}")));
        checks.Add(runtime is null
            ? new("oci runtime", false, "neither crun nor runc found: apt-get install crun runc")
            : new("oci runtime", true, $"{runtime.Kind.ToString().ToLowerInvariant()} at {runtime.Executable}" +
                (runtime.HidesUnifiedCgroupMount ? " (started in a private mount namespace without /sys/fs/cgroup/unified: crun 1.8 refuses hybrid hosts otherwise)" : "")));
        foreach (var (tool, package) in new[] { ("crun", ""), ("runc", ""), ("unshare", "util-linux"), ("nsenter", "util-linux"),
                     ("ip", "iproute2"), ("mkfs.ext4", "e2fsprogs") })
        {
            string? path = OciRuntimeSelector.FindExecutable(tool);
            bool required = package.Length > 0;
            checks.Add(new($"tool {tool}", path is not null || !required, path ?? (required ? $"not found: apt-get install {package}" : "not installed (optional)")));
        }
        bool loop = File.Exists("/dev/loop-control");
        bool ext4 = File.Exists("/proc/filesystems") && File.ReadAllText("/proc/filesystems").Contains("\text4\n", StringComparison.Ordinal);
        checks.Add(new("disk images", loop && ext4, loop && ext4
            ? "loop devices and ext4: each sandbox's writable layer is an ext4 image of its disk limit"
            : $"{(loop ? "" : "/dev/loop-control is missing (modprobe loop) ")}{(ext4 ? "" : "ext4 is not in /proc/filesystems (modprobe ext4)")}".Trim()));
        checks.Add(ReadNumber("/proc/sys/user/max_user_namespaces") is > 0 and var n
            ? new("user namespaces", true, $"max_user_namespaces = {n}")
            : new("user namespaces", false, "user namespaces are disabled (user.max_user_namespaces = 0)"));
        bool overlay = File.Exists("/proc/filesystems") && File.ReadAllText("/proc/filesystems").Contains("\toverlay\n", StringComparison.Ordinal);
        checks.Add(new("overlayfs", overlay, overlay ? "overlay is available" : "overlay is not in /proc/filesystems: modprobe overlay"));
        var kernel = Environment.OSVersion.Version;
        bool idmap = kernel >= new Version(5, 12);
        checks.Add(new("idmapped mounts", idmap, $"kernel {kernel}" + (idmap ? " supports mount_setattr(MOUNT_ATTR_IDMAP)" : " is older than 5.12")));
        checks.Add(new("busybox-static", File.Exists(busyboxPath),
            File.Exists(busyboxPath) ? busyboxPath : $"{busyboxPath} not found: apt-get install busybox-static (the built-in image is made from it)"));
        return checks;
    }

    public static string Describe(ICgroupHierarchy cgroups) => cgroups.Mode switch
    {
        CgroupMode.V2 => "cgroup v2 (unified)",
        CgroupMode.V1 => "cgroup v1",
        CgroupMode.Hybrid => $"cgroup v1 hybrid (cgroup2 at {cgroups.Root}/unified with controllers: {(cgroups.UnifiedControllers.Count == 0 ? "none" : string.Join(", ", cgroups.UnifiedControllers))})",
        _ => cgroups.Mode.ToString(),
    };

    private static long? ReadNumber(string path) =>
        File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), out long value) ? value : null;
}
