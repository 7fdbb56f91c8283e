using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Namespaces;

/// <summary>Which side of the picture a namespace box sits on.</summary>
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

public sealed record NamespaceMember(string Command, int? SandboxPid, int HostPid)
{
    /// <summary>"sh (pid 2)", or "sh (host pid 4321)" for a process outside the sandbox's pid numbering.</summary>
    public string Label => SandboxPid is int pid ? $"{Command} (pid {pid})" : $"{Command} (host pid {HostPid})";
}

/// <summary>One box: a namespace, where it is drawn (x within its row) and the processes in it.</summary>
public sealed record NamespaceBox(string Kind, ulong? Inode, NamespaceRole Role, IReadOnlyList<NamespaceMember> Members, double X)
{
    public string Title => Role switch
    {
        NamespaceRole.Host => Inode is null ? "host (not shared)" : $"host {Kind}:[{Inode}]",
        NamespaceRole.Sandbox => $"sandbox {Kind}:[{Inode}]",
        NamespaceRole.Shared => $"host = sandbox {Kind}:[{Inode}]",
        _ => $"nested {Kind}:[{Inode}]",
    };

    public string Explanation => Role switch
    {
        NamespaceRole.Host when Inode is null =>
            $"the host's {Kind} namespace: no sandbox process is in it",
        NamespaceRole.Host => $"the host's {Kind} namespace, still shared by these sandbox processes",
        NamespaceRole.Sandbox => $"the sandbox's own {Kind} namespace, {KernelText.ExplainNamespace(Kind)}",
        NamespaceRole.Shared => $"the sandbox shares the host's {Kind} namespace: no isolation of this kind",
        _ => $"a further {Kind} namespace made inside the sandbox (e.g. by unshare), {KernelText.ExplainNamespace(Kind)}",
    };

    public double Height => NamespacesModel.BoxHeaderHeight + Members.Count * NamespacesModel.MemberLineHeight + NamespacesModel.BoxPadding;
}

public sealed record NamespaceRow(string Kind, double Y, IReadOnlyList<NamespaceBox> Boxes)
{
    public string Explanation => KernelText.ExplainNamespace(Kind);
    public double Height => Boxes.Count == 0 ? NamespacesModel.BoxHeaderHeight : Boxes.Max(b => b.Height);
}

/// <summary>
/// The namespaces diagram: one row per kind, the host's box then the sandbox's then any nested ones, each with
/// its processes; positions in SVG user units so the component only draws.
/// </summary>
public sealed class NamespacesModel
{
    public const double LabelWidth = 70, BoxWidth = 220, BoxGap = 16, RowGap = 12;
    public const double BoxHeaderHeight = 24, MemberLineHeight = 16, BoxPadding = 6;

    public required IReadOnlyList<NamespaceRow> Rows { get; init; }
    public double Width => LabelWidth + Math.Max(2, Rows.Count == 0 ? 2 : Rows.Max(r => r.Boxes.Count)) * (BoxWidth + BoxGap);
    public double Height => Rows.Count == 0 ? 0 : Rows[^1].Y + Rows[^1].Height;

    public static NamespacesModel From(InspectionDto inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var byHostPid = inspection.Processes.GroupBy(p => p.HostPid).ToDictionary(g => g.Key, g => g.First());
        var kinds = KernelText.NamespaceKinds.Concat(inspection.Namespaces.Select(n => n.Kind).Where(k => !KernelText.NamespaceKinds.Contains(k)).Distinct());

        var rows = new List<NamespaceRow>();
        double y = 0;
        foreach (string kind in kinds)
        {
            var ofKind = inspection.Namespaces.Where(n => n.Kind == kind).ToList();
            var ordered = new List<(InspectedNamespaceDto? Namespace, NamespaceRole Role)>();
            var host = ofKind.FirstOrDefault(n => n.IsHost);
            var sandbox = ofKind.FirstOrDefault(n => n.IsSandboxInit);
            if (host is not null && host == sandbox)
                ordered.Add((host, NamespaceRole.Shared));
            else
            {
                ordered.Add((host, NamespaceRole.Host));
                if (sandbox is not null)
                    ordered.Add((sandbox, NamespaceRole.Sandbox));
            }
            ordered.AddRange(ofKind.Where(n => n != host && n != sandbox).OrderBy(n => n.Inode).Select(n => ((InspectedNamespaceDto?)n, NamespaceRole.Nested)));

            var boxes = ordered.Select((entry, i) => new NamespaceBox(
                kind, entry.Namespace?.Inode, entry.Role, Members(entry.Namespace, byHostPid), LabelWidth + i * (BoxWidth + BoxGap))).ToList();
            var row = new NamespaceRow(kind, y, boxes);
            rows.Add(row);
            y += row.Height + RowGap;
        }
        return new NamespacesModel { Rows = rows };
    }

    private static List<NamespaceMember> Members(InspectedNamespaceDto? ns, Dictionary<int, InspectedProcessDto> byHostPid) =>
        ns is null
            ? []
            : [.. ns.HostPids.Distinct().Select(pid => byHostPid.TryGetValue(pid, out var p)
                    ? new NamespaceMember(p.Command, p.SandboxPid, p.HostPid)
                    : new NamespaceMember("?", null, pid))
                .OrderBy(m => m.SandboxPid ?? int.MaxValue).ThenBy(m => m.HostPid)];
}
