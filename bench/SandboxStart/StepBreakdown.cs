using ContainerLab.Api.Contracts;

namespace ContainerLab.Bench.SandboxStart;

/// <summary>
/// The daemon's own per-step timings (SandboxDto.Startup), collected per step name in the order the engine
/// reports them, plus what the client measured beyond their sum (HTTP, JSON, validation before the timer).
/// </summary>
internal sealed class StepBreakdown
{
    public const string OutsideSteps = "outside the engine's steps (HTTP, JSON, validation, image lookup)";
    private readonly List<string> _order = [];
    private readonly Dictionary<string, List<double>> _steps = new(StringComparer.Ordinal);

    public void Add(double clientMilliseconds, IReadOnlyList<StartupStepDto> steps)
    {
        foreach (var step in steps)
            Record(step.Name, step.Milliseconds);
        Record(OutsideSteps, clientMilliseconds - steps.Sum(s => s.Milliseconds));
    }

    /// <summary>Median and p95 per step, in the engine's order, the part outside its steps last.</summary>
    public IEnumerable<(string Name, double Median, double P95)> Medians() =>
        _order.OrderBy(name => name == OutsideSteps)
            .Select(name => (name, Samples.Percentile(_steps[name], 0.5), Samples.Percentile(_steps[name], 0.95)));

    private void Record(string name, double ms)
    {
        if (!_steps.TryGetValue(name, out var list))
        {
            _steps[name] = list = [];
            _order.Add(name);
        }
        list.Add(ms);
    }
}
