namespace ContainerLab.Web.Sandboxes;

/// <summary>
/// The one place a failed call to the sandbox host is logged: once, with its cause, by the code that handles it (which
/// then shows <see cref="SandboxHostFailure.Reason"/> and rethrows nothing). A host that did not answer or failed
/// (5xx) is an error; a refusal of the student's own input (a limit above the ceiling) only a warning.
/// </summary>
public sealed partial class SandboxHostErrors(ILogger<SandboxHostErrors> logger)
{
    /// <param name="action">What the web was doing, e.g. "start lab 02-namespaces-one-by-one".</param>
    /// <param name="studentInput">The request carried the student's own values, so a 4xx is their mistake, not the server's.</param>
    public SandboxHostFailure Report(string action, Exception exception, bool studentInput = false)
    {
        var failure = SandboxHostFailure.Of(exception);
        if (studentInput && failure.IsRefusal)
            LogRefused(logger, action, failure.Reason);
        else
            LogFailed(logger, exception, action, failure.Reason);
        return failure;
    }

    [LoggerMessage(110, LogLevel.Error, "Could not {Action}: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string action, string reason);

    [LoggerMessage(111, LogLevel.Warning, "The sandbox host refused to {Action}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string action, string reason);
}
