using System.Text;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>
/// A lab script (check, setup, solution) run to its end in a node: <c>/bin/sh</c> as root of the sandbox, in /,
/// without a terminal, killed by the daemon past its time, its output capped (<see cref="ScriptLimits"/>). No helper
/// process of ours stays in the node: the sandbox's init is often a plain shell that reaps no orphans.
/// </summary>
/// <remarks>
/// The script travels on the process's stdin, not as an argument: an argument is bounded (the daemon takes 4096
/// characters, the kernel 128 KiB, MAX_ARG_STRLEN), a setup that places a scenario's files is not. <see cref="Launcher"/>
/// reads all of stdin into a variable, gives the script /dev/null as its stdin (as `sh -c SCRIPT` had: a command in it
/// that reads stdin must not eat the rest of the script, which `sh -s` would let it do) and evaluates it.
/// </remarks>
public static class ScriptRun
{
    /// <summary>The largest script that reaches a node: what the daemon takes on stdin. A lab's scripts are held to it.</summary>
    public const int MaxScriptBytes = ExecRequest.MaxStdinBytes;

    /// <summary>`cat` (busybox and coreutils have it) reads the whole script; `|| exit 126` if it cannot.</summary>
    public const string Launcher = "lab_script=$(cat) || exit 126; exec </dev/null; eval \"$lab_script\"";

    public static IReadOnlyList<string> Command => ["/bin/sh", "-c", Launcher];

    public static ExecRequest Request(string script) =>
        new() { Command = Command, Stdin = Encoding.UTF8.GetBytes(script), WorkingDirectory = "/" };

    public static async Task<ScriptResult> RunAsync(ILabNodes nodes, string node, string script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = await nodes.ExecAsync(node, Request(script), timeout, ScriptLimits.OutputBytes, cancellationToken).ConfigureAwait(false);
        return new ScriptResult(output.ExitCode ?? -1, output.Stdout + output.Stderr, output.TimedOut);
    }
}
