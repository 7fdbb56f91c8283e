using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>Draws <see cref="CgroupModel"/>; keeps only which event's explanation is open.</summary>
public sealed partial class CgroupPanel
{
    private const double LabelWidth = 56, TrackWidth = 200, RowHeight = 26, GaugesWidth = 420;
    private const double TimeY = CgroupTimeline.TitleHeight + CgroupTimeline.PlotHeight + 11;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    /// <summary>The <see cref="CgroupEvent.Key"/> whose explanation is open.</summary>
    private string? _selected;

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;
    /// <summary>The readings pushed by the change stream (timelines, events, CPU rate, OOM flash); none = just the gauges.</summary>
    [Parameter] public CgroupHistory? History { get; set; }
    /// <summary>How long after an OOM kill the count flashes.</summary>
    [Parameter] public TimeSpan? OomFlash { get; set; }
    /// <summary>The node's name, as the tree labels its cgroup.</summary>
    [Parameter] public string Node { get; set; } = "the sandbox";

    private CgroupModel Model { get; set; } = default!;
    private UsageBar[] Bars => [Model.Memory, Model.Pids, Model.Cpu];
    private CgroupTreeNode LastNode => Model.Tree.Nodes[^1];
    /// <summary>From the node's dot down to its limits: the limits hang on its branch.</summary>
    private string BranchEdge => $"M{N(LastNode.X)} {N(LastNode.Y + CgroupTree.Dot)}V{N(Model.Tree.LimitsY)}H{N(LastNode.X + CgroupTree.TextGap - 3)}";
    /// <summary>The open event, while it is still on a timeline (it leaves with the window).</summary>
    private CgroupEvent? Selected => _selected is null ? null : History?.Events.FirstOrDefault(e => e.Key == _selected);

    protected override void OnParametersSet() => Model = CgroupModel.From(Inspection, History, OomFlash, Node);

    private void Toggle(CgroupEvent e) => _selected = _selected == e.Key ? null : e.Key;

    private void OnMarkerKey(KeyboardEventArgs args, CgroupEvent e)
    {
        if (args.Key is "Enter")
            Toggle(e);
    }

    private static string KindClass(CgroupEventKind kind) => kind switch
    {
        CgroupEventKind.OomKill => "oom",
        CgroupEventKind.ForkRefused => "fork",
        _ => "throttle",
    };

    private static string Glyph(CgroupEventKind kind) => kind switch
    {
        CgroupEventKind.OomKill => "!",
        CgroupEventKind.ForkRefused => "×",
        _ => "‖",
    };

    private static string N(double value) => KernelSvg.Number(value);
}
