using System.Globalization;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>The words the diagrams use: what each namespace kind isolates, sizes, uids. Invariant culture throughout.</summary>
public static class KernelText
{
    /// <summary>The kinds in the order the namespaces panel draws its rows (the order of /proc/[pid]/ns in man 7 namespaces).</summary>
    public static readonly IReadOnlyList<string> NamespaceKinds = ["pid", "net", "mnt", "uts", "ipc", "user", "cgroup", "time"];

    /// <summary>What the namespaces picture stands on.</summary>
    public const string KernelGround = "the host's Linux kernel, the only kernel here: every region above is a namespace object it keeps, "
        + "every dot a process it schedules; a container brings no kernel of its own";

    public static string KernelGroundUnderVm(string node) => $"the host's Linux kernel: every region above is a namespace of the "
        + $"sandbox that confines {node}'s QEMU, every dot a host process; {node}'s guest boots a kernel of its own inside QEMU, "
        + "whose namespaces and processes the host's kernel does not see";

    public static string ExplainNamespace(string kind) => kind switch
    {
        "pid" => "a pid namespace: processes inside see their own numbering starting at 1",
        "net" => "a network namespace: its own interfaces, addresses, routes, firewall rules and ports",
        "mnt" => "a mount namespace: its own list of mounts, so its own root filesystem",
        "uts" => "a UTS namespace: its own hostname and domain name",
        "ipc" => "an IPC namespace: its own System V IPC objects and POSIX message queues",
        "user" => "a user namespace: its own uids and gids, mapped to other ids outside; root inside is unprivileged outside",
        "cgroup" => "a cgroup namespace: its own view of the cgroup tree, rooted at the sandbox's cgroup",
        "time" => "a time namespace: its own offsets for the monotonic and boot-time clocks",
        _ => $"a {kind} namespace",
    };

    /// <summary>"root (0)", "nobody (65534)" or just the number: the names every image agrees on.</summary>
    public static string UserName(long uid) => uid switch
    {
        0 => "root (0)",
        65534 => "nobody (65534)",
        _ => uid.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>"root (0) inside / 1000000000 outside".</summary>
    public static string UserInsideOutside(long uid, long hostUid) =>
        $"{UserName(uid)} inside / {hostUid.ToString(CultureInfo.InvariantCulture)} outside";

    /// <summary>"pid 1 inside / 12345 on the host"; a process not in the sandbox's pid namespace has no inside pid.</summary>
    public static string PidInsideOutside(int? sandboxPid, int hostPid) =>
        sandboxPid is int inside
            ? $"pid {inside.ToString(CultureInfo.InvariantCulture)} inside / {hostPid.ToString(CultureInfo.InvariantCulture)} on the host"
            : $"no pid inside / {hostPid.ToString(CultureInfo.InvariantCulture)} on the host";

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? $"{bytes.ToString(CultureInfo.InvariantCulture)} B"
            : $"{value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture)} {units[unit]}";
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>At most two decimals: "0.5", "2", "1.25".</summary>
    public static string Decimal(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    /// <summary>+ added, ~ modified, − deleted (a whiteout), ▣ opaque (a directory hiding everything below it).</summary>
    public static string ChangeMarker(string change) => change switch
    {
        "added" => "+",
        "modified" => "~",
        "deleted" => "−",
        "opaque" => "▣",
        _ => "?",
    };

    /// <summary>st_mode as ls -l writes it: "drwxr-xr-x", "-rwsr-xr-x", "crw-------" (a whiteout is a character device).</summary>
    public static string FileMode(uint mode)
    {
        char type = (mode & 0xF000) switch
        {
            0x4000 => 'd', 0xA000 => 'l', 0x2000 => 'c', 0x6000 => 'b', 0x1000 => 'p', 0xC000 => 's', _ => '-',
        };
        var text = new char[10];
        text[0] = type;
        for (int who = 0; who < 3; who++)
        {
            uint bits = mode >> (6 - 3 * who);
            text[1 + 3 * who] = (bits & 4) != 0 ? 'r' : '-';
            text[2 + 3 * who] = (bits & 2) != 0 ? 'w' : '-';
            bool execute = (bits & 1) != 0;
            // setuid, setgid, sticky replace the x of owner, group, others: lower case when x is set too.
            bool special = (mode & (0x800u >> who)) != 0;
            char letter = who == 2 ? 't' : 's';
            text[3 + 3 * who] = special ? (execute ? letter : char.ToUpperInvariant(letter)) : execute ? 'x' : '-';
        }
        return new string(text);
    }
}
