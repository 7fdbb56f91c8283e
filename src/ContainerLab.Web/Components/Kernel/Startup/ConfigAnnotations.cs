using System.Text.Json;
using static ContainerLab.Web.Components.Kernel.JsonValues;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>
/// What each part of an OCI config.json makes the runtime do, keyed by JSON path with [*] for any array index
/// ("linux.namespaces[*]"). Each entry reads the value (and, for sentences that need a neighbour, the whole document)
/// and returns a short sentence, or null when the value is not what the spec says it should be.
/// </summary>
public static class ConfigAnnotations
{
    /// <summary>Dropped capabilities named with their meaning; the other notable ones are named alone.</summary>
    private const int ExplainedCapabilities = 4;

    private delegate string? Annotate(JsonElement value, JsonElement root);

    private static readonly Dictionary<string, Annotate> Table = new(StringComparer.Ordinal)
    {
        ["ociVersion"] = (v, _) => Str(v) is { } version ? $"the version of the OCI runtime spec this file follows ({version})" : null,
        ["root.path"] = (v, _) => Str(v) is null ? null
            : "the host directory that becomes / inside (pivot_root): the overlay of the image's layers and the writable layer",
        ["root.readonly"] = (v, _) => Bool(v) switch
        {
            true => "/ is mounted read-only: nothing can be written outside the mounts below",
            false => "/ is writable: writes land in the overlay's writable layer, never in the image's layers",
            null => null,
        },
        ["process"] = (v, _) => v.ValueKind == JsonValueKind.Object ? "the sandbox's first process (pid 1 inside): what runs, as whom, with which privileges" : null,
        ["process.terminal"] = (v, _) => Bool(v) switch
        {
            true => "a pseudo-terminal: the runtime sends its master end to the daemon over the console socket",
            false => "no terminal: stdin, stdout and stderr are pipes the daemon reads",
            null => null,
        },
        ["process.consoleSize"] = (v, _) => Long(Prop(v, "width")) is long w && Long(Prop(v, "height")) is long h
            ? $"the terminal's first size: {KernelText.Number(w)} columns × {KernelText.Number(h)} rows (resized later without a restart)" : null,
        ["process.user"] = (v, root) => ProcessUser(v, root),
        ["process.args"] = (v, _) => Strings(v) is { Count: > 0 } args ? $"the command the runtime execs as pid 1: {string.Join(' ', args)}" : null,
        ["process.env"] = (v, _) => v.ValueKind == JsonValueKind.Array ? $"the environment of pid 1: {KernelText.Number(Items(v).Count)} variables" : null,
        ["process.cwd"] = (v, _) => Str(v) is { } cwd ? $"pid 1 starts in {cwd} (inside the new root)" : null,
        ["process.capabilities"] = (v, _) => CapabilitySummary(v),
        ["process.capabilities.bounding"] = (v, _) => SetNote(v, "the bounding set: the most any process in the sandbox can ever have, even by running a setuid or file-capability program"),
        ["process.capabilities.bounding[*]"] = (v, _) => Str(v) is { } name ? LinuxCapabilities.Describe(name) : null,
        ["process.capabilities.effective"] = (v, _) => SetNote(v, "the effective set: what the kernel checks when pid 1 asks for something privileged"),
        ["process.capabilities.permitted"] = (v, _) => SetNote(v, "the permitted set: what a process may switch on in its effective set"),
        ["process.capabilities.inheritable"] = (v, _) => SetNote(v, "the inheritable set: kept across execve only for programs with matching file capabilities"),
        ["process.capabilities.ambient"] = (v, _) => SetNote(v, "the ambient set: kept across execve of ordinary programs; empty, so a non-root user inside gets none"),
        ["process.rlimits"] = (v, _) => v.ValueKind == JsonValueKind.Array ? "limits set with setrlimit(2) before the command runs, per process" : null,
        ["process.rlimits[*]"] = (v, _) => Rlimit(v),
        ["process.noNewPrivileges"] = (v, _) => Bool(v) switch
        {
            true => "no_new_privs: running a setuid or file-capability program never grants more privileges; it also lets the runtime load the seccomp filter without CAP_SYS_ADMIN",
            false => "setuid and file-capability programs inside may still gain privileges (within the user namespace)",
            null => null,
        },
        ["hostname"] = (v, _) => Str(v) is { } name ? $"the hostname in the sandbox's own UTS namespace ({name}); the host's does not change" : null,
        ["mounts"] = (v, _) => v.ValueKind == JsonValueKind.Array
            ? $"{KernelText.Number(Items(v).Count)} mounts the runtime makes in the new mount namespace, in this order, before it switches to the new root" : null,
        ["mounts[*]"] = (v, _) => MountText.Describe(v),
        ["linux.namespaces"] = (v, _) => NamespaceSummary(v),
        ["linux.namespaces[*]"] = (v, _) => Namespace(v),
        ["linux.uidMappings"] = (v, _) => IdMappingSummary(v, "uid", "root"),
        ["linux.uidMappings[*]"] = (v, _) => IdMapping(v, "uid"),
        ["linux.gidMappings"] = (v, _) => IdMappingSummary(v, "gid", "group root"),
        ["linux.gidMappings[*]"] = (v, _) => IdMapping(v, "gid"),
        ["linux.cgroupsPath"] = (v, _) => Str(v) is { } path
            ? $"the sandbox's cgroup: the runtime puts every process of the sandbox in {path} and writes the limits below into its files" : null,
        ["linux.resources"] = (v, _) => v.ValueKind == JsonValueKind.Object ? "limits the runtime writes into the sandbox's cgroup before pid 1 starts" : null,
        ["linux.resources.devices"] = (v, _) => v.ValueKind == JsonValueKind.Array
            ? "the device cgroup: which device nodes may be opened at all; deny everything, then allow a few" : null,
        ["linux.resources.devices[*]"] = (v, _) => DeviceRule(v),
        ["linux.resources.memory.limit"] = (v, _) => Long(v) is long bytes && bytes > 0
            ? $"at most {KernelText.Bytes(bytes)} of memory (memory.max); past it the kernel reclaims, then OOM-kills inside the sandbox" : null,
        ["linux.resources.memory.swap"] = (v, root) => Swap(Long(v), Long(At(root, "linux.resources.memory.limit"))),
        ["linux.resources.cpu.quota"] = (v, root) => CpuQuota(Long(v), Long(At(root, "linux.resources.cpu.period"))),
        ["linux.resources.cpu.period"] = (v, _) => Long(v) is long period && period > 0
            ? $"the CFS period: the quota starts again every {Milliseconds(period)}" : null,
        ["linux.resources.pids.limit"] = (v, _) => Long(v) is long pids && pids > 0
            ? $"at most {KernelText.Number(pids)} processes and threads (pids.max): fork fails beyond, so a fork bomb stops here" : null,
        ["linux.seccomp"] = (v, _) => SeccompText.Summary(v),
        ["linux.seccomp.defaultAction"] = (v, root) => Str(v) is { } action
            ? $"what a system call no rule names does: {SeccompText.Action(action, Long(At(root, "linux.seccomp.defaultErrnoRet")))}" : null,
        ["linux.seccomp.architectures"] = (v, _) => v.ValueKind == JsonValueKind.Array
            ? "the system call ABIs the rules apply to; a call through any other ABI kills the process" : null,
        ["linux.seccomp.syscalls"] = (v, _) => SeccompText.RulesSummary(v),
        ["linux.seccomp.syscalls[*]"] = (v, _) => SeccompText.Rule(v),
        ["linux.maskedPaths"] = (v, _) => v.ValueKind == JsonValueKind.Array
            ? $"{KernelText.Number(Items(v).Count)} paths hidden (overmounted with /dev/null or an empty read-only tmpfs): they show or change host-wide state" : null,
        ["linux.maskedPaths[*]"] = (v, _) => Str(v) is { } path ? MountText.MaskedPath(path) : null,
        ["linux.readonlyPaths"] = (v, _) => v.ValueKind == JsonValueKind.Array
            ? $"{KernelText.Number(Items(v).Count)} paths made read-only (bind-mounted over themselves): readable, but a write would change the host" : null,
        ["linux.readonlyPaths[*]"] = (v, _) => Str(v) is { } path ? MountText.ReadOnlyPath(path) : null,
    };

    /// <summary>Whether <paramref name="pattern"/> ("linux.namespaces[*]") has an annotation.</summary>
    public static bool Has(string pattern) => Table.ContainsKey(pattern);

    /// <summary>The annotation of the value at <paramref name="pattern"/>, or null.</summary>
    public static string? Describe(string pattern, JsonElement value, JsonElement root) =>
        Table.TryGetValue(pattern, out var annotate) ? annotate(value, root) : null;

    private static string? SetNote(JsonElement set, string meaning) => set.ValueKind == JsonValueKind.Array
        ? $"{meaning} ({KernelText.Number(Items(set).Count)} capabilities)" : null;

    private static string? CapabilitySummary(JsonElement capabilities)
    {
        var bounding = Prop(capabilities, "bounding");
        if (bounding is not { ValueKind: JsonValueKind.Array })
            return null;
        var kept = Strings(bounding).ToHashSet(StringComparer.Ordinal);
        var dropped = LinuxCapabilities.All.Keys.Where(c => !kept.Contains(c)).ToList();
        if (dropped.Count == 0)
            return $"every one of the {KernelText.Number(LinuxCapabilities.All.Count)} capabilities of full root is kept";
        var notable = LinuxCapabilities.Notable.Where(dropped.Contains).ToList();
        var named = notable.Take(ExplainedCapabilities).Select(c => $"{c} ({LinuxCapabilities.All[c]})").Concat(notable.Skip(ExplainedCapabilities)).ToList();
        return $"root inside keeps {KernelText.Number(kept.Count(LinuxCapabilities.All.ContainsKey))} of the {KernelText.Number(LinuxCapabilities.All.Count)} capabilities of full root, "
            + $"and those act only on what the sandbox's user namespace owns; {KernelText.Number(dropped.Count)} are dropped"
            + (named.Count == 0 ? "" : $", among them {string.Join(", ", named)}");
    }

    private static string? Rlimit(JsonElement rlimit)
    {
        if (Str(Prop(rlimit, "type")) is not { } type || Long(Prop(rlimit, "soft")) is not long soft || Long(Prop(rlimit, "hard")) is not long hard)
            return null;
        string raise = soft == hard ? "soft = hard, so the process cannot raise it" : $"soft {KernelText.Number(soft)}, the process may raise it up to {KernelText.Number(hard)}";
        return type == "RLIMIT_NOFILE"
            ? $"at most {KernelText.Number(soft)} open files per process; {raise}"
            : $"{type}: {raise}";
    }

    /// <summary>"network" and "mount" in config.json are "net" and "mnt" in /proc/[pid]/ns, the names the other panels use.</summary>
    private static string KernelKind(string type) => type switch
    {
        "network" => "net",
        "mount" => "mnt",
        _ => type,
    };

    private static string? Namespace(JsonElement ns)
    {
        if (Str(Prop(ns, "type")) is not { } type)
            return null;
        string kind = KernelKind(type);
        return Str(Prop(ns, "path")) is { } path
            ? $"joins the existing {kind} namespace at {path}"
            : $"creates {KernelText.ExplainNamespace(kind)}";
    }

    private static string? NamespaceSummary(JsonElement namespaces)
    {
        if (namespaces.ValueKind != JsonValueKind.Array)
            return null;
        var items = Items(namespaces);
        int joined = items.Count(n => Str(Prop(n, "path")) is not null);
        string summary = joined == 0
            ? $"{KernelText.Number(items.Count)} new namespaces: the sandbox shares none of these with the host"
            : $"{KernelText.Number(items.Count - joined)} new namespaces and {KernelText.Number(joined)} joined";
        bool user = items.Any(n => Str(Prop(n, "type")) == "user");
        return user ? summary : summary + "; no user namespace, so root inside would be root on the host";
    }

    private static string? IdMapping(JsonElement mapping, string ids)
    {
        if (Long(Prop(mapping, "containerID")) is not long inside || Long(Prop(mapping, "hostID")) is not long outside || Long(Prop(mapping, "size")) is not long size || size <= 0)
            return null;
        return $"{ids}s {Range(inside, size)} inside are {ids}s {Range(outside, size)} outside";
    }

    private static string? IdMappingSummary(JsonElement mappings, string ids, string root)
    {
        if (mappings.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var mapping in Items(mappings))
        {
            if (Long(Prop(mapping, "containerID")) is long inside && Long(Prop(mapping, "hostID")) is long outside
                && Long(Prop(mapping, "size")) is long size && inside == 0 && size > 0)
                return $"{root} inside is {ids} {KernelText.Number(outside)} outside: {IdMapping(mapping, ids)}, an unprivileged range of the host";
        }
        return $"{ids} 0 inside is not mapped: {root} inside has no {ids} outside";
    }

    private static string? ProcessUser(JsonElement user, JsonElement root)
    {
        if (Long(Prop(user, "uid")) is not long uid || Long(Prop(user, "gid")) is not long gid)
            return null;
        string inside = $"runs as {KernelText.UserName(uid)}, gid {KernelText.Number(gid)} in the sandbox's user namespace";
        foreach (var mapping in Items(At(root, "linux.uidMappings")))
        {
            if (Long(Prop(mapping, "containerID")) is long first && Long(Prop(mapping, "hostID")) is long host && Long(Prop(mapping, "size")) is long size
                && uid >= first && uid < first + size)
                return $"{inside}: uid {KernelText.Number(host + uid - first)} on the host";
        }
        return inside;
    }

    private static string? DeviceRule(JsonElement rule)
    {
        if (Bool(Prop(rule, "allow")) is not bool allow)
            return null;
        string access = string.Join(", ", (Str(Prop(rule, "access")) ?? "rwm").Select(a => a switch
        {
            'r' => "read",
            'w' => "write",
            'm' => "mknod",
            _ => a.ToString(),
        }));
        string? type = Str(Prop(rule, "type"));
        long? major = Long(Prop(rule, "major")), minor = Long(Prop(rule, "minor"));
        string device = type is null or "a"
            ? "every device"
            : $"{(type == "b" ? "block" : "character")} device {Wildcard(major)}:{Wildcard(minor)}{KnownDevice(type, major, minor)}";
        return $"{(allow ? "allow" : "deny")} {device}: {access}";
    }

    private static string Wildcard(long? number) => number is long n ? KernelText.Number(n) : "*";

    private static string KnownDevice(string type, long? major, long? minor) => (type, major, minor) switch
    {
        ("c", 1, 3) => " (/dev/null)",
        ("c", 1, 5) => " (/dev/zero)",
        ("c", 1, 7) => " (/dev/full)",
        ("c", 1, 8) => " (/dev/random)",
        ("c", 1, 9) => " (/dev/urandom)",
        ("c", 5, 0) => " (/dev/tty)",
        ("c", 5, 1) => " (/dev/console)",
        ("c", 5, 2) => " (/dev/ptmx)",
        ("c", 136, null) => " (/dev/pts/*, the terminals)",
        _ => "",
    };

    private static string? Swap(long? swap, long? limit) => swap switch
    {
        null => null,
        -1 => "memory + swap unlimited: the sandbox may swap as much as the host allows",
        long s when s == limit => $"memory + swap = {KernelText.Bytes(s)}, the same as the limit: no swap, so a memory hog is OOM-killed instead of thrashing",
        long s when limit is long l && s > l => $"memory + swap = {KernelText.Bytes(s)}: up to {KernelText.Bytes(s - l)} of swap",
        long s => $"memory + swap = {KernelText.Bytes(s)}",
    };

    private static string? CpuQuota(long? quota, long? period)
    {
        if (quota is not long q)
            return null;
        if (q <= 0)
            return "no CPU quota: the sandbox may use every core";
        // The kernel's default period is 100 ms (cpu.cfs_period_us) when the runtime is given none.
        long p = period is > 0 ? period.Value : 100_000;
        double cores = (double)q / p;
        return $"= {KernelText.Decimal(cores)} {(cores == 1 ? "core" : "cores")}: at most {Milliseconds(q)} of CPU time every {Milliseconds(p)} (CFS bandwidth control)";
    }

    private static string Milliseconds(long microseconds) => $"{KernelText.Decimal(microseconds / 1000.0)} ms";

    private static string Range(long first, long size) => size == 1
        ? KernelText.Number(first)
        : $"{KernelText.Number(first)}–{KernelText.Number(first + size - 1)}";
}
