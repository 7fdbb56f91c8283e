using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Checks;

/// <summary>A step's setup and solution scripts, run in the step's node (the web runs setups; the tester both).</summary>
public sealed class StepScripts(ILabNodes nodes)
{
    /// <summary>Null when the step has no setup.</summary>
    public async Task<ScriptResult?> SetUpAsync(Lab lab, LabStep step, CancellationToken cancellationToken) =>
        step.SetupFile is { } setup ? await RunAsync(lab, step, setup, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>Null when the step has no solution.</summary>
    public async Task<ScriptResult?> SolveAsync(Lab lab, LabStep step, CancellationToken cancellationToken) =>
        step.SolutionFile is { } solution ? await RunAsync(lab, step, solution, cancellationToken).ConfigureAwait(false) : null;

    private Task<ScriptResult> RunAsync(Lab lab, LabStep step, string file, CancellationToken cancellationToken) =>
        ScriptRun.RunAsync(nodes, step.Node, LabFiles.Read(lab.Directory, file), ScriptLimits.Step, cancellationToken);
}
