using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>A student's (or the lab tester's) nodes on a containerlabd: node name -> sandbox id, over the daemon's API.</summary>
public sealed class DaemonLabNodes(ContainerLabClient client, IReadOnlyDictionary<string, string> sandboxIds) : ILabNodes
{
    public async Task<ScriptResult> RunScriptAsync(string node, string script, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new ExecRequest { Command = ScriptCommand.For(script, timeout) };
        // The node kills the script at the timeout (timeout -s KILL); the client waits a little longer for the exit.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout + TimeSpan.FromSeconds(5));
        try
        {
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            var output = await client.ExecToEndAsync(Sandbox(node), request, 64 * 1024, wait.Token).ConfigureAwait(false);
            bool killed = output.ExitCode is null or ScriptCommand.KilledExitCode
                && System.Diagnostics.Stopwatch.GetElapsedTime(started) >= timeout;
            return new ScriptResult(output.ExitCode ?? -1, output.Stdout + output.Stderr, TimedOut: killed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ScriptResult(-1, "", TimedOut: true);
        }
    }

    public Task<InspectionDto> InspectAsync(string node, CancellationToken cancellationToken) =>
        client.InspectAsync(Sandbox(node), cancellationToken);

    private string Sandbox(string node) =>
        sandboxIds.TryGetValue(node, out string? id) ? id : throw new ArgumentException($"no node '{node}' in this lab's sandboxes", nameof(node));
}
