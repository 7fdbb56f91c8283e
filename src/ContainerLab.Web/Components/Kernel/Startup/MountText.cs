using System.Text.Json;
using static ContainerLab.Web.Components.Kernel.JsonValues;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>The words for config.json's mounts and for the paths under /proc and /sys it masks or makes read-only.</summary>
public static class MountText
{
    /// <summary>One entry of "mounts", by its type and destination; null when it has no destination.</summary>
    public static string? Describe(JsonElement mount)
    {
        if (Str(Prop(mount, "destination")) is not { } destination)
            return null;
        string? type = Str(Prop(mount, "type"));
        var options = Strings(Prop(mount, "options"));
        string readOnly = options.Contains("rro") ? ", read-only all the way down" : options.Contains("ro") ? ", read-only" : "";
        return (type, destination) switch
        {
            ("proc", _) => $"a procfs of the sandbox's pid namespace at {destination}: it lists only the sandbox's processes",
            ("sysfs", _) => $"sysfs at {destination}{readOnly}: its network part shows the sandbox's own network namespace; the rest is the host's",
            ("tmpfs", "/dev") => $"a private /dev in memory{Size(options)}: the runtime creates null, zero, random, urandom, tty and the pts links in it",
            ("tmpfs", "/dev/shm") => $"POSIX shared memory, private to the sandbox{Size(options)}; its pages count against the memory limit",
            ("tmpfs", _) => $"a filesystem in memory at {destination}{Size(options)}",
            ("devpts", _) => $"a new devpts instance at {destination} (newinstance): the sandbox sees only its own terminals",
            ("mqueue", _) => $"the POSIX message queues of the sandbox's IPC namespace, at {destination}",
            ("cgroup" or "cgroup2", _) => $"the cgroup filesystem at {destination}{readOnly}: the cgroup namespace makes the sandbox's own cgroup its root",
            _ when type == "bind" || options.Contains("bind") || options.Contains("rbind") =>
                $"a bind mount: the host's {Str(Prop(mount, "source")) ?? "file"} appears at {destination}{readOnly}",
            (null, _) => $"a mount at {destination}{readOnly}",
            _ => $"a {type} filesystem at {destination}{readOnly}",
        };
    }

    /// <summary>A path of "maskedPaths": what reading it would have shown.</summary>
    public static string MaskedPath(string path) => "hidden: " + (path switch
    {
        "/proc/kcore" => "the host's physical memory as an ELF core file",
        "/proc/keys" => "the kernel keyrings, which are not namespaced",
        "/proc/timer_list" => "the host's timers and the processes that armed them",
        "/proc/sched_debug" => "every task on the host",
        "/proc/latency_stats" or "/proc/timer_stats" => "host-wide scheduling statistics",
        "/proc/scsi" => "the host's SCSI devices (writable on older kernels: add or remove a disk)",
        "/proc/acpi" or "/proc/asound" => "the host's hardware",
        "/sys/firmware" => "ACPI tables and EFI variables of the host",
        "/sys/devices/virtual/powercap" => "energy counters, a side channel to other processes' secrets (PLATYPUS)",
        "/proc/cmdline" => "the host kernel's boot parameters",
        "/sys/kernel/vmcoreinfo" => "where the host kernel keeps its crash-dump note, a hint to its memory layout",
        "/sys/kernel/boot_params" => "the data the bootloader handed the host kernel",
        _ => "shows host-wide state",
    });

    /// <summary>A path of "readonlyPaths": what writing to it would change.</summary>
    public static string ReadOnlyPath(string path) => "read-only: " + (path switch
    {
        "/proc/sys" => "most sysctls (kernel.*, vm.*) are host-wide",
        "/proc/sysrq-trigger" => "one write reboots or crashes the host",
        "/proc/irq" => "interrupt affinity of the host's devices",
        "/proc/bus" => "the host's PCI and USB buses",
        "/proc/fs" => "filesystem settings of the host",
        "/sys/fs/cgroup" => "the whole cgroup view, with the runtime's tmpfs on cgroup v1: only the runtime makes cgroups",
        _ => "a write would change the host",
    });

    private static string Size(IReadOnlyList<string> options) =>
        options.FirstOrDefault(o => o.StartsWith("size=", StringComparison.Ordinal)) is { } size ? $" ({size})" : "";
}
