using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>A student's (or the lab tester's) nodes on a containerlabd: node name -> sandbox id, over the daemon's API.</summary>
public sealed class DaemonLabNodes(ContainerLabClient client, IReadOnlyDictionary<string, string> sandboxIds) : ILabNodes
{
    public Task<ScriptResult> RunScriptAsync(string node, string script, TimeSpan timeout, CancellationToken cancellationToken) =>
        ScriptRun.RunAsync((request, ct) => client.ExecToEndAsync(Sandbox(node), request, 64 * 1024, ct), script, timeout, cancellationToken);

    public Task<InspectionDto> InspectAsync(string node, CancellationToken cancellationToken) =>
        client.InspectAsync(Sandbox(node), cancellationToken);

    private string Sandbox(string node) =>
        sandboxIds.TryGetValue(node, out string? id) ? id : throw new ArgumentException($"no node '{node}' in this lab's sandboxes", nameof(node));
}
