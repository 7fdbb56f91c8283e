using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel.Namespaces;

/// <summary>Draws <see cref="NamespacesModel"/> as SVG, or as text; the layout is the model's.</summary>
public sealed partial class NamespacesPanel
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];
    private bool _asText;

    [Parameter, EditorRequired] public InspectionDto Inspection { get; set; } = default!;

    /// <summary>The node's name, as the student knows it ("node1").</summary>
    [Parameter] public string Node { get; set; } = "the sandbox";

    /// <summary>A VM node: the regions are its QEMU's, and the one kernel drawn is the host's, not the guest's.</summary>
    [Parameter] public bool IsVm { get; set; }

    private NamespacesModel Model { get; set; } = new() { Rows = [], Owner = "" };

    // Processes drawn before, and the ones new in this drawing: only those grow in (a process the student just started),
    // not every mark at the first drawing or each time a hidden panel is shown again.
    private HashSet<int>? _drawn;
    private HashSet<int> _fresh = [];

    /// <summary>A usage tick brings the same inspection with a new cgroup: nothing this panel draws (ParameterGate).</summary>
    protected override object? ParameterValue(string name) => name switch
    {
        nameof(Inspection) => Inspection,
        nameof(Node) => Node,
        nameof(IsVm) => IsVm,
        _ => null,
    };

    protected override void OnParametersSet()
    {
        Model = NamespacesModel.From(Inspection, Node);
        var now = Inspection.Processes.Select(p => p.HostPid).ToHashSet();
        _fresh = _drawn is null ? [] : [.. now.Where(pid => !_drawn.Contains(pid))];
        _drawn = now;
    }

    private static string RoleClass(NamespaceRole role) => "role-" + role.ToString().ToLowerInvariant();

    /// <summary>What a region holds, in words: the host's own processes and each process drawn, plus how many more.</summary>
    private static string Listed(NamespaceRegion region)
    {
        var parts = new List<string>();
        if (region.EnclosesHostProcesses)
            parts.Add("the host's own processes");
        parts.AddRange(region.Processes.Select(p => p.Label));
        if (region.MoreProcesses > 0)
            parts.Add($"{region.MoreProcesses} more");
        return parts.Count == 0 ? "no process" : string.Join(", ", parts);
    }

    private static string N(double value) => KernelSvg.Number(value);
}
