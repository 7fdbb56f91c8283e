using System.Globalization;

namespace ContainerLab.Engine.Inspection;

/// <summary>
/// The target of a /proc/PID/ns/KIND link. The kernel's ns_dname() renders a namespace as "KIND:[INODE]": the
/// inode of the namespace's file on nsfs, the identity two processes share exactly when they share the namespace.
/// </summary>
internal static class NamespaceLink
{
    /// <summary>The link names under /proc/PID/ns, one per kind (not pid_for_children/time_for_children: those are the next child's).</summary>
    internal static readonly IReadOnlyList<(NamespaceKind Kind, string Name)> Kinds =
    [
        (NamespaceKind.Pid, "pid"), (NamespaceKind.Net, "net"), (NamespaceKind.Mnt, "mnt"), (NamespaceKind.Uts, "uts"),
        (NamespaceKind.Ipc, "ipc"), (NamespaceKind.User, "user"), (NamespaceKind.Cgroup, "cgroup"), (NamespaceKind.Time, "time"),
    ];

    /// <summary>Parses "pid:[4026531836]" into its inode; false for anything else, or when the name is not <paramref name="expectedName"/>.</summary>
    internal static bool TryParse(string? target, string expectedName, out ulong inode)
    {
        inode = 0;
        if (target is null || !target.EndsWith(']'))
            return false;
        int open = target.IndexOf(":[", StringComparison.Ordinal);
        return open > 0
            && target.AsSpan(0, open).SequenceEqual(expectedName)
            && ulong.TryParse(target.AsSpan(open + 2, target.Length - open - 3), NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }

    /// <summary>
    /// The namespaces of <paramref name="processDirectory"/> (a /proc/PID or /proc/self). A link that cannot be read
    /// is left out: "time" is absent before Linux 5.6, and an exited process (a zombie too) has no namespaces left.
    /// </summary>
    internal static Dictionary<NamespaceKind, ulong> ReadAll(string processDirectory)
    {
        var namespaces = new Dictionary<NamespaceKind, ulong>();
        foreach (var (kind, name) in Kinds)
            if (TryParse(Interop.ReadLink(Path.Combine(processDirectory, "ns", name)), name, out ulong inode))
                namespaces[kind] = inode;
        return namespaces;
    }
}
