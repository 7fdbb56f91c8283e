using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Inspection;

/// <summary>
/// Reads a sandbox's processes and their namespaces from /proc, as the host sees them, and compares each namespace
/// with the host's and the sandbox init's. A process may exit at any moment: one that vanishes while it is being
/// read is left out, never an error.
/// </summary>
public static class ProcessInspector
{
    /// <param name="hostPids">the processes to inspect (e.g. the sandbox cgroup's cgroup.procs), host pids.</param>
    /// <param name="sandboxInitPid">host pid of the sandbox's init, whose namespaces are the sandbox's; null if none runs.</param>
    /// <param name="procRoot">procfs mount, replaced by a fake tree in tests.</param>
    /// <param name="hostReferencePid">the process whose namespaces count as the host's; null = this process (procRoot/self).</param>
    public static (IReadOnlyList<InspectedProcess> Processes, IReadOnlyList<InspectedNamespace> Namespaces) Inspect(
        IEnumerable<int> hostPids, int? sandboxInitPid, string procRoot = "/proc", int? hostReferencePid = null)
    {
        ArgumentNullException.ThrowIfNull(hostPids);
        ArgumentException.ThrowIfNullOrEmpty(procRoot);

        // Uids are shown as the sandbox sees them (its init's user namespace), also for processes a student moved into
        // a nested user namespace of their own: "root inside is uid 1000000000 outside" is the picture to draw.
        string? sandboxUidMap = sandboxInitPid is int initForMap
            ? KernelFile.ReadOrNull(Path.Combine(procRoot, initForMap.ToString(System.Globalization.CultureInfo.InvariantCulture), "uid_map"))
            : null;
        var processes = new List<InspectedProcess>();
        foreach (int pid in hostPids.Distinct())
            if (ReadProcess(procRoot, pid, sandboxUidMap) is { } process)
                processes.Add(process);

        var host = NamespaceLink.ReadAll(Path.Combine(procRoot, hostReferencePid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "self"));
        var init = sandboxInitPid is int initPid ? NamespaceLink.ReadAll(Path.Combine(procRoot, initPid.ToString(System.Globalization.CultureInfo.InvariantCulture))) : [];
        return (processes, GroupNamespaces(processes, host, init));
    }

    /// <summary>One process, or null when it exited before or while it was read.</summary>
    /// <param name="sandboxUidMap">the sandbox init's uid_map, to translate uids in; null = the process's own.</param>
    internal static InspectedProcess? ReadProcess(string procRoot, int pid, string? sandboxUidMap = null)
    {
        string directory = Path.Combine(procRoot, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string? statusText = KernelFile.ReadOrNull(Path.Combine(directory, "status"));
        string? cmdlineText = KernelFile.ReadOrNull(Path.Combine(directory, "cmdline"));
        string? uidMapText = KernelFile.ReadOrNull(Path.Combine(directory, "uid_map"));
        if (statusText is null || cmdlineText is null || uidMapText is null)
            return null;
        var namespaces = NamespaceLink.ReadAll(directory);
        // The links are read last: if the process is gone now, what was read may be half of it (a pid is only
        // reused after the whole pid space wraps, so the directory still being there means it is the same process).
        if (!Directory.Exists(directory))
            return null;

        var status = ProcStatus.Parse(statusText, Path.Combine(directory, "status"));
        var (command, arguments) = ProcCommandLine.Parse(cmdlineText, status.Name);
        IReadOnlyList<int> namespacePids = status.NamespacePids.Count > 0 ? status.NamespacePids : [pid];
        return new InspectedProcess(
            HostPid: pid,
            // NSpid's second field is the pid one level down: the sandbox's own pid namespace (deeper ones are the student's).
            SandboxPid: namespacePids.Count > 1 ? namespacePids[1] : null,
            NamespacePids: namespacePids,
            HostParentPid: status.ParentPid,
            Command: command,
            Arguments: arguments,
            Uid: ProcUidMap.ToInside(sandboxUidMap ?? uidMapText, status.RealUid),
            HostUid: status.RealUid,
            Namespaces: namespaces);
    }

    /// <summary>Every (kind, inode) met among <paramref name="processes"/>, in order of first appearance.</summary>
    internal static IReadOnlyList<InspectedNamespace> GroupNamespaces(
        IReadOnlyList<InspectedProcess> processes, IReadOnlyDictionary<NamespaceKind, ulong> host, IReadOnlyDictionary<NamespaceKind, ulong> init) =>
        processes
            .SelectMany(p => p.Namespaces.Select(ns => (ns.Key, ns.Value, p.HostPid)))
            .GroupBy(entry => (Kind: entry.Key, Inode: entry.Value))
            .OrderBy(group => group.Key.Kind)
            .Select(group => new InspectedNamespace(
                group.Key.Kind,
                group.Key.Inode,
                IsHost: host.TryGetValue(group.Key.Kind, out ulong hostInode) && hostInode == group.Key.Inode,
                IsSandboxInit: init.TryGetValue(group.Key.Kind, out ulong initInode) && initInode == group.Key.Inode,
                HostPids: group.Select(entry => entry.HostPid).ToArray()))
            .ToArray();
}
