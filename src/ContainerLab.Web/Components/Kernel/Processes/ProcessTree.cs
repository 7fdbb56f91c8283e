using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Processes;

/// <summary>One line of the process tree: a process, its depth and where its parent's line is (for the connector).</summary>
public sealed record ProcessLine(InspectedProcessDto Process, int Depth, int Index, int? ParentIndex, bool ParentOutside)
{
    public string Command => Process.Command;
    public string CommandLine => string.Join(' ', [Process.Command, .. Process.Arguments]);
    public string Pids => KernelText.PidInsideOutside(Process.SandboxPid, Process.HostPid);
    public string Users => KernelText.UserInsideOutside(Process.Uid, Process.HostUid);

    /// <summary>The line under the command, short enough for the kernel column at full size: "pid 1 (host 4321) · root (host uid 1000000000)".</summary>
    public string Ids => (Process.SandboxPid is int pid ? $"pid {pid} (host {Process.HostPid})" : $"host pid {Process.HostPid}")
        + $" · {Process.Uid switch { 0 => "root", 65534 => "nobody", long uid => $"uid {uid}" }} (host uid {Process.HostUid})";

    public string Explanation =>
        $"{CommandLine}: {Pids}; user {Users}" + (ParentOutside
            ? $"; its parent (host pid {Process.HostParentPid}) is outside the sandbox"
            : "");

    public double X => ProcessTree.Indent * Depth;
    public double Y => ProcessTree.LineHeight * Index;
}

/// <summary>
/// The sandbox's processes as a tree by host parent pid, depth first, children by host pid. A process whose parent
/// is not one of the sandbox's processes (the init, whose parent is the runtime; or one reparented to a subreaper
/// outside) is a root. A parent loop, which /proc can show when pids are reused between reads, is broken.
/// </summary>
public sealed class ProcessTree
{
    public const double Indent = 22, LineHeight = 40, TextWidth = 380;

    public required IReadOnlyList<ProcessLine> Lines { get; init; }
    public double Width => TextWidth + Indent * (Lines.Count == 0 ? 0 : Lines.Max(l => l.Depth));
    public double Height => LineHeight * Lines.Count;

    public static ProcessTree From(InspectionDto inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var processes = inspection.Processes.GroupBy(p => p.HostPid).Select(g => g.First()).OrderBy(p => p.HostPid).ToList();
        var inSandbox = processes.Select(p => p.HostPid).ToHashSet();
        var children = processes.Where(p => inSandbox.Contains(p.HostParentPid) && p.HostParentPid != p.HostPid)
            .ToLookup(p => p.HostParentPid);

        var lines = new List<ProcessLine>(processes.Count);
        var placed = new HashSet<int>();

        void Walk(InspectedProcessDto process, int depth, int? parentIndex, bool parentOutside)
        {
            // Iterative would be kinder to deep chains, but the depth is bounded by the process count the daemon returns
            // and each frame is small; the visited set guarantees termination.
            if (!placed.Add(process.HostPid))
                return;
            int index = lines.Count;
            lines.Add(new ProcessLine(process, depth, index, parentIndex, parentOutside));
            foreach (var child in children[process.HostPid])
                Walk(child, depth + 1, index, false);
        }

        foreach (var root in processes.Where(p => !inSandbox.Contains(p.HostParentPid) || p.HostParentPid == p.HostPid))
            Walk(root, 0, null, true);
        // Whatever is left sits on a parent loop: start each loop at its lowest pid.
        foreach (var rest in processes.Where(p => !placed.Contains(p.HostPid)))
            Walk(rest, 0, null, false);

        return new ProcessTree { Lines = lines };
    }
}
