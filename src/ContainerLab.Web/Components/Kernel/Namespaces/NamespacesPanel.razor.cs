using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Namespaces;

/// <summary>Draws <see cref="NamespacesModel"/> as SVG; the layout is the model's.</summary>
public sealed partial class NamespacesPanel
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;

    private NamespacesModel Model { get; set; } = new() { Rows = [] };

    protected override void OnParametersSet() => Model = NamespacesModel.From(Inspection);

    private static string RoleClass(NamespaceRole role) => "role-" + role.ToString().ToLowerInvariant();

    private static string N(double value) => KernelSvg.Number(value);
}
