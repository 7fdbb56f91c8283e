using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Processes;

/// <summary>Draws <see cref="ProcessTree"/> as SVG.</summary>
public sealed partial class ProcessesPanel
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;

    private ProcessTree Model { get; set; } = new() { Lines = [] };

    protected override void OnParametersSet() => Model = ProcessTree.From(Inspection);

    private static string N(double value) => KernelSvg.Number(value);
}
