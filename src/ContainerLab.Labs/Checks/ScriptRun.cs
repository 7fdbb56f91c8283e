using System.Diagnostics;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>
/// A lab script run to its end in a node through some exec (the daemon client, or the web's sandbox host): wrapped
/// by <see cref="ScriptCommand"/> so the node kills it at the timeout; the caller waits a little longer for the exit.
/// </summary>
public static class ScriptRun
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static async Task<ScriptResult> RunAsync(
        Func<ExecRequest, CancellationToken, Task<ProcessOutput>> exec, string script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout + Grace);
        long started = Stopwatch.GetTimestamp();
        try
        {
            var output = await exec(new ExecRequest { Command = ScriptCommand.For(script, timeout) }, wait.Token).ConfigureAwait(false);
            bool killed = output.ExitCode is null or ScriptCommand.KilledExitCode && Stopwatch.GetElapsedTime(started) >= timeout;
            return new ScriptResult(output.ExitCode ?? -1, output.Stdout + output.Stderr, killed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ScriptResult(-1, "", TimedOut: true);
        }
    }
}
