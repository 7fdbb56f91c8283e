using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>
/// A lab script (check, setup, solution) run to its end in a node through some exec with a time limit (the daemon
/// client, or the web's sandbox host): <c>/bin/sh -c SCRIPT</c>, killed by the daemon past the limit. No helper
/// process of ours stays in the node: the sandbox's init is often a plain shell that reaps no orphans.
/// </summary>
public static class ScriptRun
{
    public delegate Task<ProcessOutput> Exec(ExecRequest request, TimeSpan timeout, CancellationToken cancellationToken);

    public static IReadOnlyList<string> Command(string script) => ["/bin/sh", "-c", script];

    public static async Task<ScriptResult> RunAsync(Exec exec, string script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = await exec(new ExecRequest { Command = Command(script) }, timeout, cancellationToken).ConfigureAwait(false);
        return new ScriptResult(output.ExitCode ?? -1, output.Stdout + output.Stderr, output.TimedOut);
    }
}
