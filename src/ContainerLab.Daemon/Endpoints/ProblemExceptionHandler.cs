using System.Text.Json;
using ContainerLab.Api.Contracts;
using ContainerLab.Daemon.Diagnostics;
using ContainerLab.Engine.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>
/// Turns the engine's exception tree into RFC 9457 problem+json: the caller's mistakes are 4xx with a message
/// that says what was wrong; the host's failures are 500 naming the failed operation.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(exception);
        if (status >= 500)
            DaemonLog.RequestFailed(logger, exception, context.Request.Method, context.Request.Path);
        var problem = new ProblemDto
        {
            Status = status,
            Title = title,
            Detail = Detail(exception),
            Instance = context.Request.Path,
        };
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(problem, ApiJsonContext.Default.ProblemDto, "application/problem+json", cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    internal static (int Status, string Title) Classify(Exception exception) => exception switch
    {
        InvalidRequestException or LimitExceededException or ImageImportException => (StatusCodes.Status400BadRequest, "Bad request"),
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 413 ? "Request body too large" : "Bad request"),
        JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON"),
        NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
        ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
        CapacityExceededException => (StatusCodes.Status503ServiceUnavailable, "Capacity exceeded"),
        _ => (StatusCodes.Status500InternalServerError, "Sandbox host error"),
    };

    private static string Detail(Exception exception) => exception switch
    {
        // Model binding wraps the JSON reader's error; its message says where the body went wrong.
        BadHttpRequestException { InnerException: JsonException json } => $"request body is not valid: {json.Message}",
        AggregateException aggregate => string.Join("; ", aggregate.InnerExceptions.Select(e => e.Message)),
        _ => exception.Message,
    };
}
