using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>
/// A lab script (check, setup, solution) run to its end in a node: <c>/bin/sh -c SCRIPT</c> as root of the sandbox,
/// in /, without a terminal, killed by the daemon past its time, its output capped (<see cref="ScriptLimits"/>).
/// </summary>
public static class ScriptRun
{
    public static ExecRequest Request(string script) => new() { Command = ["/bin/sh", "-c", script], WorkingDirectory = "/" };

    public static async Task<ScriptResult> RunAsync(ILabNodes nodes, string node, string script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = await nodes.ExecAsync(node, Request(script), timeout, ScriptLimits.OutputBytes, cancellationToken).ConfigureAwait(false);
        return new ScriptResult(output.ExitCode ?? -1, output.Stdout + output.Stderr, output.TimedOut);
    }
}
