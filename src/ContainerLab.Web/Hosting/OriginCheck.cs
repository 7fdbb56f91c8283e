namespace ContainerLab.Web.Hosting;

/// <summary>
/// Sockets (the terminal hub and Blazor's circuit) are only for pages of this site, so a foreign page cannot drive
/// a student's terminal with the student's cookie (unlike Play with Docker's ws.go). Browsers send Origin on every
/// WebSocket handshake and every cross-origin or POST request, but not on same-origin GETs; so: an Origin that is
/// present must be ours, a WebSocket upgrade must carry one, and Sec-Fetch-Site must not say another site.
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
        string? fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite is "cross-site" or "same-site")
            return false;
        string? origin = request.Headers.Origin;
        if (origin is null)
            return !request.HttpContext.WebSockets.IsWebSocketRequest;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
