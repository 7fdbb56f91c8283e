namespace ContainerLab.Web.Hosting;

/// <summary>
/// Sockets (the terminal hub and Blazor's circuit) are only for pages of this site: a request to them must carry
/// an Origin equal to this server's own. Browsers always send Origin on WebSocket and cross-origin requests, so a
/// foreign page cannot drive a student's terminal with the student's cookie (unlike Play with Docker's ws.go).
/// </summary>
public static class OriginCheck
{
    private static readonly string[] SocketPaths = [Terminals.TerminalHub.Path, "/_blazor"];

    public static IApplicationBuilder UseSocketOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (SocketPaths.Any(p => context.Request.Path.StartsWithSegments(p)) && !IsSameOrigin(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("cross-origin socket refused");
            return;
        }
        await next();
    });

    public static bool IsSameOrigin(HttpRequest request)
    {
        string? origin = request.Headers.Origin;
        return origin is not null && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
