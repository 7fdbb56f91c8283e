using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Checks;
using ContainerLab.Web.Sandboxes;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.Labs;

/// <summary>A session's nodes for the lab checks, by node name, through the sandbox host (the daemon's API).</summary>
public sealed class SessionLabNodes(ISandboxHost host, StudentSession session) : ILabNodes
{
    public Task<ScriptResult> RunScriptAsync(string node, string script, TimeSpan timeout, CancellationToken cancellationToken) =>
        ScriptRun.RunAsync((request, ct) => host.RunAsync(Sandbox(node), request, ct), script, timeout, cancellationToken);

    public Task<InspectionDto> InspectAsync(string node, CancellationToken cancellationToken) => host.InspectAsync(Sandbox(node), cancellationToken);

    private string Sandbox(string node) =>
        session.Find(node)?.SandboxId ?? throw new InvalidOperationException($"this session has no node '{node}' (was it removed?)");
}
