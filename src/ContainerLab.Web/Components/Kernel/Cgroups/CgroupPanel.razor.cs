using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>Draws <see cref="CgroupModel"/>: two bars and a few numbers.</summary>
public sealed partial class CgroupPanel
{
    private const double LabelWidth = 70, TrackWidth = 260, RowHeight = 26, BarsWidth = LabelWidth + TrackWidth + 200;
    private const double SparkWidth = TrackWidth, SparkHeight = 36;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;
    /// <summary>The readings pushed by the change stream (memory sparkline, CPU rate, OOM flash); none = just the bars.</summary>
    [Parameter] public CgroupHistory? History { get; set; }
    /// <summary>How long after an OOM kill the count flashes.</summary>
    [Parameter] public TimeSpan? OomFlash { get; set; }

    private CgroupModel Model { get; set; } = default!;
    private UsageBar[] Bars => [Model.Memory, Model.Pids, Model.Cpu];
    private string Sparkline { get; set; } = "";

    protected override void OnParametersSet()
    {
        Model = CgroupModel.From(Inspection, History, OomFlash);
        Sparkline = History?.MemoryPoints(SparkWidth, SparkHeight, Inspection.Cgroup.MemoryLimitBytes) ?? "";
    }

    private static string N(double value) => KernelSvg.Number(value);
}
