using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Namespaces;

/// <summary>Which region of the picture a namespace is.</summary>
public enum NamespaceRole
{
    /// <summary>The host's namespace, seen because some sandbox process still shares it (or a placeholder when none does).</summary>
    Host,
    /// <summary>The sandbox init's namespace.</summary>
    Sandbox,
    /// <summary>The sandbox init shares the host's namespace of this kind (no isolation for this kind).</summary>
    Shared,
    /// <summary>Neither: made inside the sandbox, e.g. by a student's <c>unshare</c>.</summary>
    Nested,
}

/// <summary>A process as a mark in a region: its pid as the region's processes see it, and on the host.</summary>
/// <param name="NamespacePids">NSpid: the process's number in each pid namespace it is in, the host's first.</param>
public sealed record ProcessMark(string Command, int? Pid, int HostPid, IReadOnlyList<int> NamespacePids, double X, double Y)
{
    public const int CommandChars = 12;

    /// <summary>"sh · pid 2 · host 4321": the pid inside and on the host.</summary>
    public string Label => (Command.Length > CommandChars ? Command[..(CommandChars - 1)] + "…" : Command)
        + (Pid is int pid ? $" · pid {pid}" : "") + $" · host {HostPid}";

    /// <summary>From NSpid (<see cref="NamespacePids"/>: the host's number first, the innermost last).</summary>
    public string Explanation => NamespacePids.Count switch
    {
        <= 1 => $"{Command}: host pid {HostPid}, outside the sandbox's pid numbering",
        2 => $"{Command}: pid {NamespacePids[1]} inside, {HostPid} on the host: one process, two numbers",
        _ => $"{Command}: pid {NamespacePids[^1]} in its own pid namespace, {string.Join(", then ", NamespacePids.Skip(1).SkipLast(1).Reverse())} "
            + $"in the ones around it, {HostPid} on the host: one process, a number in every pid namespace it is in",
    };
}

/// <summary>
/// One namespace as a region of its row: where it is (SVG units, relative to the row), which processes it encloses,
/// and whether it also encloses the host's own processes (the host's namespace, or one the sandbox shares with it).
/// </summary>
public sealed record NamespaceRegion(string Kind, ulong? Inode, NamespaceRole Role, IReadOnlyList<ProcessMark> Processes,
    int MoreProcesses, double X, double Y, double Width, double Height, string Owner)
{
    public bool EnclosesHostProcesses => Role is NamespaceRole.Host or NamespaceRole.Shared;

    public string Title => Role switch
    {
        NamespaceRole.Host => Inode is null ? $"host's {Kind}" : $"host's {Kind}:[{Inode}]",
        NamespaceRole.Sandbox => $"{Owner}'s {Kind}:[{Inode}]",
        NamespaceRole.Shared => $"shared {Kind}:[{Inode}]",
        _ => $"new {Kind}:[{Inode}]",
    };

    public string Explanation => Role switch
    {
        NamespaceRole.Host when Inode is null => $"the host's {Kind} namespace: the host's own processes are in it, no process of {Owner} is",
        NamespaceRole.Host => $"the host's {Kind} namespace, which these processes of {Owner} still share with the host's own",
        NamespaceRole.Sandbox => $"{Owner}'s own {Kind} namespace, {KernelText.ExplainNamespace(Kind)}; the host's processes are not in it",
        NamespaceRole.Shared => $"{Owner} shares the host's {Kind} namespace: one region around the host's processes and {Owner}'s, no isolation of this kind",
        _ => $"a further {Kind} namespace made inside {Owner} (e.g. by unshare), {KernelText.ExplainNamespace(Kind)}",
    };
}

public sealed record NamespaceRow(string Kind, double Y, double Height, IReadOnlyList<NamespaceRegion> Regions)
{
    public string Explanation => KernelText.ExplainNamespace(Kind);
}

/// <summary>
/// The namespaces picture: one row per kind on the one kernel. In each row the host's region holds the host's own
/// processes and the sandbox's region holds the sandbox's, so a private namespace encloses only the sandbox's
/// processes, a shared one is a single region around both, and a namespace made inside the sandbox is a region nested
/// in the sandbox's. Positions are in SVG user units, so the component only draws.
/// </summary>
public sealed class NamespacesModel
{
    public const double LabelWidth = 52, HostWidth = 120, ColumnGap = 10, SandboxWidth = 240, RowGap = 8;
    public const double HeaderHeight = 20, LineHeight = 17, Padding = 6, NestedInset = 10, KernelHeight = 34, HeadHeight = 20;
    public const int MaxMarks = 8;

    public static double HostX => LabelWidth;
    public static double SandboxX => LabelWidth + HostWidth + ColumnGap;

    public required IReadOnlyList<NamespaceRow> Rows { get; init; }
    public required string Owner { get; init; }

    public double Width => SandboxX + SandboxWidth + 1;
    public double KernelY => Rows.Count == 0 ? 0 : Rows[^1].Y + Rows[^1].Height + RowGap;
    public double Height => KernelY + KernelHeight + 1;

    public static NamespacesModel From(InspectionDto inspection, string owner = "the sandbox")
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var byHostPid = inspection.Processes.GroupBy(p => p.HostPid).ToDictionary(g => g.Key, g => g.First());
        var kinds = KernelText.NamespaceKinds.Concat(inspection.Namespaces.Select(n => n.Kind).Where(k => !KernelText.NamespaceKinds.Contains(k)).Distinct());

        var rows = new List<NamespaceRow>();
        double y = HeadHeight; // the column heads: the host, the sandbox
        foreach (string kind in kinds)
        {
            var ofKind = inspection.Namespaces.Where(n => n.Kind == kind).ToList();
            var host = ofKind.FirstOrDefault(n => n.IsHost);
            var sandbox = ofKind.FirstOrDefault(n => n.IsSandboxInit);
            var nested = ofKind.Where(n => n != host && n != sandbox).OrderBy(n => n.Inode).ToList();
            var regions = new List<NamespaceRegion>();

            NamespaceRegion Region(InspectedNamespaceDto? ns, NamespaceRole role, double x, double top, double width, double marksX, double extraHeight)
            {
                var members = Members(ns, byHostPid);
                int shown = Math.Min(members.Count, MaxMarks);
                // The host's region draws the host's own processes on its first line, and the sandbox's below them; a
                // shared region draws the host's on the left and the sandbox's on the right.
                int first = role == NamespaceRole.Host ? 1 : 0;
                // Every row numbers a process as the sandbox does, except a nested pid namespace: there its own number.
                bool innermost = role == NamespaceRole.Nested && kind == "pid";
                var marks = members.Take(shown).Select((p, i) => new ProcessMark(p.Command,
                    innermost && p.NamespacePids.Count > 2 ? p.NamespacePids[^1] : p.SandboxPid,
                    p.HostPid, p.NamespacePids, marksX, top + HeaderHeight + (first + i) * LineHeight)).ToList();
                int lines = first + shown + (members.Count > shown ? 1 : 0);
                double height = HeaderHeight + Math.Max(lines, 1) * LineHeight + Padding + extraHeight;
                return new NamespaceRegion(kind, ns?.Inode, role, marks, members.Count - shown, x, top, width, height, owner);
            }

            bool shared = host is not null && host == sandbox;
            if (!shared)
                regions.Add(Region(host, NamespaceRole.Host, HostX, 0, HostWidth, HostX + 10, 0));
            if (sandbox is not null || nested.Count > 0)
            {
                // The nested regions sit inside the sandbox's (or the shared one's sandbox side), below its own marks: made
                // by a process of the sandbox, owned by its user namespace, and (for pid) numbered inside its numbering.
                int own = Members(sandbox, byHostPid).Count;
                int ownLines = Math.Max(1, Math.Min(own, MaxMarks) + (own > MaxMarks ? 1 : 0));
                double nestedTop = HeaderHeight + ownLines * LineHeight + Padding;
                var inner = new List<NamespaceRegion>();
                foreach (var ns in nested)
                {
                    var region = Region(ns, NamespaceRole.Nested, SandboxX + NestedInset, nestedTop, SandboxWidth - 2 * NestedInset, SandboxX + NestedInset + 10, 0);
                    inner.Add(region);
                    nestedTop += region.Height + Padding;
                }
                double innerHeight = inner.Sum(r => r.Height + Padding);
                regions.Add(shared
                    ? Region(host, NamespaceRole.Shared, HostX, 0, HostWidth + ColumnGap + SandboxWidth, SandboxX + 10, innerHeight)
                    : Region(sandbox, NamespaceRole.Sandbox, SandboxX, 0, SandboxWidth, SandboxX + 10, innerHeight));
                regions.AddRange(inner);
            }
            double rowHeight = regions.Max(r => r.Y + r.Height);
            rows.Add(new NamespaceRow(kind, y, rowHeight, regions));
            y += rowHeight + RowGap;
        }
        return new NamespacesModel { Rows = rows, Owner = owner };
    }

    private static List<InspectedProcessDto> Members(InspectedNamespaceDto? ns, Dictionary<int, InspectedProcessDto> byHostPid) =>
        ns is null
            ? []
            : [.. ns.HostPids.Distinct().Select(pid => byHostPid.TryGetValue(pid, out var p)
                    ? p
                    : new InspectedProcessDto(pid, null, [], 0, "?", [], 0, 0, new Dictionary<string, ulong>()))
                .OrderBy(p => p.SandboxPid ?? int.MaxValue).ThenBy(p => p.HostPid)];
}
