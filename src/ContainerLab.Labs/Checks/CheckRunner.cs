using System.Globalization;
using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Checks;

/// <summary>
/// Runs a step's checks against the student's nodes, all of them, in order; the step passes when every check does.
/// Scripts run inside the node (a student may have broken the node: a timeout or a failing exec is a failed check with
/// its reason, never an exception). Declarative checks read the inspection, i.e. what the kernel reports.
/// </summary>
public sealed class CheckRunner(ILabNodes nodes)
{
    private const int MaxMessage = 600;

    public async Task<IReadOnlyList<CheckResult>> RunAsync(Lab lab, LabStep step, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        foreach (var check in step.Checks)
            results.Add(await RunAsync(lab, check, cancellationToken).ConfigureAwait(false));
        return results;
    }

    public async Task<CheckResult> RunAsync(Lab lab, LabCheck check, CancellationToken cancellationToken)
    {
        try
        {
            return check switch
            {
                ScriptCheck script => await RunScriptAsync(lab, script, cancellationToken).ConfigureAwait(false),
                _ => InspectionCheck.Evaluate(check, await nodes.InspectAsync(check.Node, cancellationToken).ConfigureAwait(false)),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(false, $"the check could not run on {check.Node}: {Short(e.Message)}");
        }
    }

    private async Task<CheckResult> RunScriptAsync(Lab lab, ScriptCheck check, CancellationToken cancellationToken)
    {
        string script = check.Inline ?? LabFiles.Read(lab.Directory, check.File!);
        var result = await ScriptRun.RunAsync(nodes, check.Node, script, ScriptLimits.Check, cancellationToken).ConfigureAwait(false);
        if (result.TimedOut)
            return new CheckResult(false, check.Message ?? $"the check did not finish within {ScriptLimits.Check.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        if (result.ExitCode == 0)
            return new CheckResult(true, OutputTail.Of(result.Output) is { Length: > 0 } said ? said : "passed");
        // The author's message first; the script's own words (its last lines) say what it saw.
        string output = OutputTail.Of(result.Output);
        string message = check.Message is { } own ? (output.Length > 0 ? $"{own} ({output})" : own)
            : output.Length > 0 ? output : $"the check exited with {result.ExitCode}";
        return new CheckResult(false, message);
    }

    private static string Short(string text) => text.Length <= MaxMessage ? text : text[..MaxMessage] + "...";
}
