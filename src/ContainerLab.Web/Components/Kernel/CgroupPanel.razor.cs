using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>Draws <see cref="CgroupModel"/>: two bars and a few numbers.</summary>
public sealed partial class CgroupPanel
{
    private const double LabelWidth = 70, TrackWidth = 260, RowHeight = 26, BarsWidth = LabelWidth + TrackWidth + 200;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;

    private CgroupModel Model { get; set; } = default!;
    private UsageBar[] Bars => [Model.Memory, Model.Pids];

    protected override void OnParametersSet() => Model = CgroupModel.From(Inspection);

    private static string N(double value) => KernelSvg.Number(value);
}
