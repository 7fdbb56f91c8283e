using System.Diagnostics;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>Records how long each step of creating a sandbox took ("how it started" in the diagrams).</summary>
internal sealed class StartupTimer
{
    private readonly List<StartupStep> _steps = [];
    private long _last = Stopwatch.GetTimestamp();

    public void Mark(string step)
    {
        long now = Stopwatch.GetTimestamp();
        _steps.Add(new StartupStep(step, Math.Round(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds, 3)));
        _last = now;
    }

    public IReadOnlyList<StartupStep> Steps => _steps;
}
