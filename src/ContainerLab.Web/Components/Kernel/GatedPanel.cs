using ContainerLab.Api.Contracts;
using Microsoft.AspNetCore.Components;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>
/// A panel that skips a parent's re-render bringing it nothing new. KernelPanels re-renders every second with the
/// cgroup's usage, and Blazor then renders every child that has an object parameter again, because it cannot know the
/// object is unchanged. A panel that does not draw the usage derives from this: when each incoming parameter is the one
/// it has (equal, or the same reference) or the same inspection with only a newer cgroup, it
/// keeps what it drew and the circuit builds no render tree for it. Its own events (a toggle) render as usual.
/// </summary>
public abstract class GatedPanel : ComponentBase
{
    private bool _set;

    /// <summary>The panel's current value of the parameter named <paramref name="name"/>.</summary>
    protected abstract object? ParameterValue(string name);

    /// <summary>Parameters that never call for a redraw (read once, say).</summary>
    protected virtual IReadOnlyCollection<string> Ignored => [];

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (_set && BringsNothingNew(parameters))
            return Task.CompletedTask;
        _set = true;
        return base.SetParametersAsync(parameters);
    }

    private bool BringsNothingNew(ParameterView parameters)
    {
        foreach (var parameter in parameters)
        {
            if (Ignored.Contains(parameter.Name))
                continue;
            object? now = ParameterValue(parameter.Name);
            bool same = parameter.Value is InspectionDto next && now is InspectionDto drawn
                ? SameReading(next, drawn)
                : Equals(parameter.Value, now);
            if (!same)
                return false;
        }
        return true;
    }

    /// <summary>The same reading with only a newer cgroup (KernelPanels' <c>with { Cgroup = … }</c>): every other part is the same object.</summary>
    private static bool SameReading(InspectionDto next, InspectionDto drawn) =>
        next.TakenAt == drawn.TakenAt && ReferenceEquals(next.Processes, drawn.Processes)
        && ReferenceEquals(next.Namespaces, drawn.Namespaces) && ReferenceEquals(next.Filesystem, drawn.Filesystem);
}
