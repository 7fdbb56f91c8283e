using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>What a check can do to a student's nodes, by node name: run a script, read the inspection.</summary>
public interface ILabNodes
{
    /// <summary>Runs <paramref name="script"/> with /bin/sh in the node (sent on stdin, <see cref="ScriptRun"/>), without a terminal; ends it after <paramref name="timeout"/>.</summary>
    Task<ScriptResult> RunScriptAsync(string node, string script, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The node's kernel objects now (GET /v1/sandboxes/{id}/inspection).</summary>
    Task<InspectionDto> InspectAsync(string node, CancellationToken cancellationToken);
}

/// <summary>A script's exit code and its output (stdout then stderr), bounded.</summary>
public sealed record ScriptResult(int ExitCode, string Output, bool TimedOut = false);

/// <summary>A check's verdict and, on failure, what the student should know.</summary>
public sealed record CheckResult(bool Passed, string Message);
