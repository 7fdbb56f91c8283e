using ContainerLab.Api.Client;
using Microsoft.AspNetCore.Antiforgery;

namespace ContainerLab.Web.Sessions;

/// <summary>
/// Starting and ending a session are plain form posts (antiforgery-checked): only an HTTP response can set the
/// session cookie, which a Blazor circuit cannot.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/session/start", async (HttpContext context, SessionRegistry sessions, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.BadRequest("the form expired: reload the page and press Start again");
            if (sessions.Find(SessionCookie.Read(context)) is not null)
                return Results.Redirect("/lab");
            try
            {
                var session = await sessions.StartAsync(context.RequestAborted);
                SessionCookie.Write(context, session, sessions.Options.MaxAge);
                return Results.Redirect("/lab");
            }
            catch (ServerFullException)
            {
                return Results.Redirect("/full");
            }
            catch (Exception e) when (e is ContainerLabApiException or HttpRequestException)
            {
                return Results.Redirect("/unavailable");
            }
        });
        app.MapPost("/session/end", async (HttpContext context, SessionRegistry sessions, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.BadRequest("the form expired: reload the page");
            if (sessions.Find(SessionCookie.Read(context)) is { } session)
                await sessions.EndAsync(session, context.RequestAborted);
            SessionCookie.Delete(context);
            return Results.Redirect("/");
        });
        return app;
    }
}
