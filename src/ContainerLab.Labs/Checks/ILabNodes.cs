using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Labs.Checks;

/// <summary>
/// A student's (or the tester's) nodes by name, as the Labs library needs them: exec a process to its end, read the
/// inspection. The caller (the web, clabctl) only maps names to sandboxes; what runs, for how long and how much output
/// is kept is decided here, in the Labs library (<see cref="ScriptRun"/>, <see cref="ScriptLimits"/>).
/// </summary>
public interface ILabNodes
{
    /// <summary>Runs <paramref name="request"/> in the node without a terminal, to its end; the daemon kills it after
    /// <paramref name="timeout"/>; output past <paramref name="maxOutputBytes"/> per stream is dropped.</summary>
    Task<ProcessOutput> ExecAsync(string node, ExecRequest request, TimeSpan timeout, int maxOutputBytes, CancellationToken cancellationToken);

    /// <summary>The node's kernel objects now (GET /v1/sandboxes/{id}/inspection).</summary>
    Task<InspectionDto> InspectAsync(string node, CancellationToken cancellationToken);
}

/// <summary>A script's exit code and its output (stdout then stderr), bounded.</summary>
public sealed record ScriptResult(int ExitCode, string Output, bool TimedOut = false);

/// <summary>A check's verdict and, on failure, what the student should know.</summary>
public sealed record CheckResult(bool Passed, string Message);
