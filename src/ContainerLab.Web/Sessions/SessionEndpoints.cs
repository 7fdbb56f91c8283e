using ContainerLab.Web.Catalogue;
using ContainerLab.Web.LabRuns;
using ContainerLab.Web.Sandboxes;
using ContainerLab.Web.Hosting;

namespace ContainerLab.Web.Sessions;

/// <summary>
/// Starting and ending a session are plain form posts (antiforgery-checked): only an HTTP response can set the
/// session cookie, which a Blazor circuit cannot. The Start forms are enhanced (blazor.web.js posts them with fetch and
/// puts the page the redirect leads to into the same document); their refusals are plain text, which it shows as the page.
/// </summary>
public static partial class SessionEndpoints
{
    /// <summary>The form field that says the student confirmed ending their current session for another lab.</summary>
    public const string ReplaceField = "replace";

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/session/start", async (HttpContext context, SessionRegistry sessions, LabLibrary labs, LabAvailability availability,
            SandboxHostErrors errors, ILoggerFactory loggers, ContainerLab.Web.Classes.ClassDirectory classes,
            ContainerLab.Web.Classes.PracticePolicy practice) =>
        {
            // A guided lab (form field "lab") brings its own nodes.
            string? labId = context.Request.Form["lab"].FirstOrDefault();
            var lab = labs.Find(labId);
            if (labId is not null && lab is null)
                return Results.Text($"no lab '{labId}' on this server", statusCode: StatusCodes.Status404NotFound);
            // Checked before anything of the current session is touched: a lab whose images the host lacks would fail
            // half-way, after the student's nodes were gone.
            if (lab is not null && LabAvailability.Of(lab, await availability.ImagesAsync(context.RequestAborted)) is { CanStart: false } readiness)
            {
                LogLabRefused(loggers.CreateLogger(typeof(SessionEndpoints)), lab.Id, readiness.Reason!);
                return Results.Redirect($"/labs?refused={Uri.EscapeDataString(lab.Id)}");
            }
            // Without an account, only while an instructor allows anonymous practice; otherwise join a class or sign in.
            if (ContainerLab.Web.Accounts.Learner.AccountId(context.User) is null && !await practice.AnonymousAllowedAsync(context.RequestAborted))
                return Results.Redirect("/join?practice=off");
            if ((sessions.Find(SessionCookie.Read(context)) ?? OwnedElsewhere(context, sessions)) is { } current)
            {
                if (lab is null || current.LabId == lab.Id)
                    return Results.Redirect("/lab");
                // Another lab replaces the session and its nodes: only once the student said so in the dialog.
                if (current.Nodes.Count > 0 && context.Request.Form[ReplaceField] != "yes")
                    return Results.Redirect($"/labs?confirm={Uri.EscapeDataString(lab.Id)}");
                await sessions.EndAsync(current, context.RequestAborted);
            }
            try
            {
                // A class's student works within the class's limits (the newest open class they joined), others within the server's.
                var allowance = await ContainerLab.Web.Classes.ClassAllowance.OfLearnerAsync(classes, ContainerLab.Web.Accounts.Learner.AccountId(context.User),
                    sessions.Options, context.RequestAborted);
                var session = await sessions.StartAsync(lab, ContainerLab.Web.Accounts.Learner.Ensure(context), context.RequestAborted, allowance);
                SessionCookie.Write(context, session, sessions.Options.MaxAge);
                return Results.Redirect("/lab");
            }
            catch (ServerFullException)
            {
                return Results.Redirect("/full");
            }
            catch (SessionLimitException e)
            {
                StartFailureNote.Write(context, e.Message);
                return Results.Redirect("/start-failed");
            }
            catch (Exception e) when (SandboxHostFailure.Is(e))
            {
                // Only a host that did not answer is "unavailable"; a refusal is shown with the host's own reason.
                var failure = errors.Report(lab is null ? "start a session" : $"start lab {lab.Id}", e);
                if (!failure.HostAnswered)
                    return Results.Redirect("/unavailable");
                StartFailureNote.Write(context, failure.Reason);
                return Results.Redirect("/start-failed");
            }
        }).RequiresFormToken("reload the page and press Start again");
        app.MapPost("/session/end", async (HttpContext context, SessionRegistry sessions) =>
        {
            if (sessions.Find(SessionCookie.Read(context)) is { } session)
                await sessions.EndAsync(session, context.RequestAborted);
            SessionCookie.Delete(context);
            return Results.Redirect("/");
        }).RequiresFormToken("reload the page");
        return app;
    }

    /// <summary>
    /// A signed-in student's session opened in another browser (their laptop died, they moved to another seat): it is
    /// theirs, not that browser's, so this browser takes it up (its cookie is written) instead of starting a second one.
    /// Only for an account: a browser's anonymous learner id is nobody's to carry elsewhere.
    /// </summary>
    private static StudentSession? OwnedElsewhere(HttpContext context, SessionRegistry sessions)
    {
        if (ContainerLab.Web.Accounts.Learner.AccountId(context.User) is not { } account || sessions.LatestOf(account) is not { } owned)
            return null;
        SessionCookie.Write(context, owned, sessions.Options.MaxAge);
        return owned;
    }

    [LoggerMessage(112, LogLevel.Warning, "Refused to start lab {Lab}: it {Reason}")]
    private static partial void LogLabRefused(ILogger logger, string lab, string reason);
}
