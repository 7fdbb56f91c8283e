using ContainerLab.Api.Client;
using ContainerLab.Web.Labs;
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
        app.MapPost("/session/start", async (HttpContext context, SessionRegistry sessions, LabLibrary labs, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.BadRequest("the form expired: reload the page and press Start again");
            // A guided lab (form field "lab") brings its own nodes; starting one ends the session the browser had.
            string? labId = context.Request.Form["lab"].FirstOrDefault();
            var lab = labs.Find(labId);
            if (labId is not null && lab is null)
                return Results.NotFound($"no lab '{labId}' on this server");
            if (sessions.Find(SessionCookie.Read(context)) is { } current)
            {
                if (lab is null || current.LabId == lab.Id)
                    return Results.Redirect("/lab");
                await sessions.EndAsync(current, context.RequestAborted);
            }
            try
            {
                var session = await sessions.StartAsync(lab, LearnerCookie.Ensure(context), context.RequestAborted);
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
