using ContainerLab.Engine.Tracing;

namespace ContainerLab.Daemon.Diagnostics;

internal static class ServerTimingExtensions
{
    /// <summary>Answers this endpoint with a Server-Timing header (<see cref="ServerTimingFilter"/>).</summary>
    public static RouteHandlerBuilder WithServerTiming(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter<ServerTimingFilter>();

    /// <summary>The trace the engine fills for this request's Server-Timing header; null on endpoints without one.</summary>
    public static OperationTrace? OperationTrace(this HttpContext context) => context.Features.Get<OperationTrace>();
}
