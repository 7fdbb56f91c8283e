using System.Diagnostics;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>Records how long each step of creating a sandbox took ("how it started" in the diagrams).</summary>
internal sealed class StartupTimer
{
    private readonly List<StartupStep> _steps = [];
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Ends the step that began at the previous mark (or at construction) and returns it.</summary>
    public StartupStep Mark(string step)
    {
        long now = Stopwatch.GetTimestamp();
        var taken = new StartupStep(step, Math.Round(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds, 3));
        _steps.Add(taken);
        _last = now;
        return taken;
    }

    public IReadOnlyList<StartupStep> Steps => _steps;
}
