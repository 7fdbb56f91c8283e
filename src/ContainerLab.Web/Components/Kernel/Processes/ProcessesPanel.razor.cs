using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Processes;

/// <summary>Draws <see cref="ProcessTree"/> as SVG.</summary>
public sealed partial class ProcessesPanel
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;

    private ProcessTree Model { get; set; } = new() { Lines = [] };

    /// <summary>A usage tick brings the same inspection with a new cgroup: nothing this panel draws (ParameterGate).</summary>
    protected override object? ParameterValue(string name) => name switch
    {
        nameof(Inspection) => Inspection,
        _ => null,
    };

    protected override void OnParametersSet() => Model = ProcessTree.From(Inspection);

    private static string N(double value) => KernelSvg.Number(value);
}
