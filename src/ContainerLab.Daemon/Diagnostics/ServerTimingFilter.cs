using System.Diagnostics;
using ContainerLab.Engine.Tracing;

namespace ContainerLab.Daemon.Diagnostics;

/// <summary>
/// Times an endpoint it is put on (<see cref="ServerTimingExtensions.WithServerTiming"/>) and answers with a
/// Server-Timing header: <c>daemon</c> from when the request reached this filter (routed, body bound) to when the
/// response starts, whatever its status, with the runtime and kernel parts the engine put in the request's
/// <see cref="OperationTrace"/>. The engine's warnings are logged here. Endpoints without it pay nothing.
/// </summary>
internal sealed class ServerTimingFilter(ILoggerFactory loggers) : IEndpointFilter
{
    private readonly ILogger _logger = loggers.CreateLogger("containerlabd");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        long arrived = Stopwatch.GetTimestamp();
        var http = context.HttpContext;
        var trace = new OperationTrace();
        http.Features.Set(trace);
        // The answer (or the problem+json of a refusal) is written after this returns: its headers go out only then.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[ServerTimingHeader.Name] = ServerTimingHeader.Format(Stopwatch.GetElapsedTime(arrived), trace);
            return Task.CompletedTask;
        });
        try
        {
            return await next(context);
        }
        finally
        {
            foreach (string warning in trace.Warnings)
                DaemonLog.OperationWarning(_logger, http.Request.Method, http.Request.Path, warning);
        }
    }
}
