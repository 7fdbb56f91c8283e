using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Checks;
using ContainerLab.Web.Sandboxes;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.LabRuns;

/// <summary>
/// A session's nodes as the Labs library asks for them: node name -> sandbox, then the sandbox host (the daemon's
/// API). Only forwards: what runs and within which bounds is the Labs library's (ScriptRun, ScriptLimits).
/// </summary>
public sealed class SessionLabNodes(ISandboxHost host, StudentSession session) : ILabNodes
{
    public Task<ProcessOutput> ExecAsync(string node, ExecRequest request, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken) =>
        host.RunAsync(Sandbox(node), request, timeout, maxOutputBytes, cancellationToken);

    public Task<InspectionDto> InspectAsync(string node, CancellationToken cancellationToken) => host.InspectAsync(Sandbox(node), cancellationToken);

    private string Sandbox(string node) =>
        session.Find(node)?.SandboxId ?? throw new InvalidOperationException($"this session has no node '{node}' (was it removed?)");
}
