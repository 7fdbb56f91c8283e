using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>Draws <see cref="OverlayModel"/>: a stack, writable layer on top with its changes.</summary>
public sealed partial class OverlayPanel
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;

    private OverlayModel Model { get; set; } = default!;

    protected override void OnParametersSet() => Model = OverlayModel.From(Inspection);

    private static string N(double value) => KernelSvg.Number(value);
}
