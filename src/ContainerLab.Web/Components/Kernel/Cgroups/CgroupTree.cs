namespace ContainerLab.Web.Components.Kernel.Cgroups;

public enum CgroupLevel { Root, Daemon, Node }

/// <summary>One cgroup on the node's branch: its dot at (<see cref="X"/>, <see cref="Y"/>), the edge from its parent's dot.</summary>
public sealed record CgroupTreeNode(CgroupLevel Level, string Name, string Detail, string Path, double X, double Y, string? Edge, string Explanation);

/// <summary>
/// The node's place in the cgroup v2 hierarchy, from its path: the root (/sys/fs/cgroup, every process on the host),
/// the daemon's --cgroup-parent (one or more levels; every sandbox of this daemon below it, so one limit there would
/// bound them all), then the node's own cgroup, whose limits are drawn on its branch. A limit holds for a cgroup and
/// everything below it, which is why the picture is a tree: each level can only narrow what its parent allows.
/// </summary>
/// <param name="LimitLines">The limits as drawn: as many per line as fit in the tree's width (v1's file names are long),
/// each line but the last ending in the separator, so that together they read as <paramref name="Limits"/>.</param>
public sealed record CgroupTree(IReadOnlyList<CgroupTreeNode> Nodes, string Limits, IReadOnlyList<string> LimitLines, double LimitsY, double Height)
{
    public const double Width = 420, Indent = 18, LineHeight = 22, Dot = 4.5, TextGap = 10;
    /// <summary>Names longer than this are cut with an ellipsis (the full path is in the title): nothing overflows 420.</summary>
    public const int NameChars = 34;
    /// <summary>The longest line of limits that fits right of the node's branch; a longer one continues below.</summary>
    public const int LimitChars = 52;
    public const double LimitLineHeight = 16;
    private const string Separator = " · ";

    /// <param name="limits">Each limit as its file names it, e.g. "memory.max 64 MiB".</param>
    public static CgroupTree From(string path, string node, IReadOnlyList<string> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(path);
        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var nodes = new List<CgroupTreeNode>
        {
            new(CgroupLevel.Root, "/", "cgroup root", "/", Dot + 1, LineHeight / 2, null,
                "the cgroup v2 root, /sys/fs/cgroup: every process on the host is in it or in a cgroup below it"),
        };
        for (int i = 0; i < segments.Length; i++)
        {
            bool own = i == segments.Length - 1;
            string full = "/" + string.Join('/', segments[..(i + 1)]);
            double x = Dot + 1 + (i + 1) * Indent, y = LineHeight / 2 + (i + 1) * LineHeight;
            var parent = nodes[^1];
            string edge = $"M{KernelSvg.Number(parent.X)} {KernelSvg.Number(parent.Y + Dot)}V{KernelSvg.Number(y)}H{KernelSvg.Number(x - Dot)}";
            nodes.Add(own
                ? new(CgroupLevel.Node, node, Cut(segments[i], NameChars - node.Length - (i + 1) * 2), full, x, y, edge,
                    $"{node}'s own cgroup, {full}: its processes and every process they start are in it, so its limits hold for all of them")
                : new(CgroupLevel.Daemon, Cut(segments[i], NameChars - (i + 1) * 2), "daemon", full, x, y, edge,
                    $"{full}: the daemon's --cgroup-parent; every sandbox it runs gets its own cgroup below it, and a limit here would bound them all"));
        }
        double limitsY = nodes[^1].Y + LineHeight;
        var lines = LinesOf(limits);
        return new CgroupTree(nodes, string.Join(Separator, limits), lines, limitsY, limitsY + 8 + (lines.Count - 1) * LimitLineHeight);
    }

    private static List<string> LinesOf(IReadOnlyList<string> limits)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string limit in limits)
        {
            if (line.Length > 0 && line.Length + Separator.Length + limit.Length > LimitChars)
            {
                lines.Add(line + Separator);
                line = "";
            }
            line = line.Length == 0 ? limit : line + Separator + limit;
        }
        lines.Add(line);
        return lines;
    }

    private static string Cut(string text, int max) => text.Length <= Math.Max(6, max) ? text : text[..(Math.Max(6, max) - 1)] + "…";
}
