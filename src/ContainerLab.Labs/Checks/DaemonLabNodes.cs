using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>A lab's nodes on a containerlabd (clabctl labs test): node name -> sandbox id, over the daemon's API.</summary>
public sealed class DaemonLabNodes(ContainerLabClient client, IReadOnlyDictionary<string, string> sandboxIds) : ILabNodes
{
    public Task<ProcessOutput> ExecAsync(string node, ExecRequest request, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken) =>
        client.ExecToEndAsync(Sandbox(node), request, timeout, maxOutputBytes, cancellationToken);

    public Task<InspectionDto> InspectAsync(string node, CancellationToken cancellationToken) =>
        client.InspectAsync(Sandbox(node), cancellationToken);

    /// <summary>The sandbox id of a node of the lab.</summary>
    public string Sandbox(string node) =>
        sandboxIds.TryGetValue(node, out string? id) ? id : throw new ArgumentException($"no node '{node}' in this lab's sandboxes", nameof(node));
}
