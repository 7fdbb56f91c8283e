using ContainerLab.Web.Accounts;
using ContainerLab.Web.Catalogue;
using ContainerLab.Web.Progress;
using ContainerLab.Web.Sessions;
using ContainerLab.Web.Hosting;

namespace ContainerLab.Web.Classes;

/// <summary>
/// A class's exports and its end, for its instructor only: any other account (a student, another instructor) gets the
/// same 404 as for a class that does not exist, so class ids reveal nothing.
/// </summary>
public static class ClassEndpoints
{
    public static IEndpointRouteBuilder MapClassEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var classes = endpoints.MapGroup("/classes/{id:int}").RequireAuthorization(Roles.Instructor);
        classes.MapGet("/progress.{format:regex(^(csv|json)$)}", async (int id, string format, HttpContext context, ClassDirectory directory,
            ProgressLog progress, LabLibrary labs) =>
            await ProgressOfAsync(id, context, directory, progress, labs) is not { } fold ? Results.NotFound()
                : format == "csv" ? Results.File(System.Text.Encoding.UTF8.GetBytes(ClassExport.Csv(fold)), "text/csv; charset=utf-8", FileName(fold, format))
                : Results.File(System.Text.Encoding.UTF8.GetBytes(ClassExport.Json(fold)), "application/json; charset=utf-8", FileName(fold, format)));
        classes.MapPost("/end", async (int id, HttpContext context, ClassDirectory directory, SessionRegistry sessions) =>
        {
            string owner = Learner.AccountId(context.User)!;
            if (await directory.FindOwnedAsync(id, owner, context.RequestAborted) is not { } classroom || !await directory.EndAsync(id, owner, context.RequestAborted))
                return Results.NotFound();
            // Sandboxes removed, progress kept: every session of the class's students ends.
            foreach (var session in sessions.OfLearners(classroom.Members.Select(m => m.AccountId).ToHashSet(StringComparer.Ordinal)))
                await sessions.EndAsync(session, CancellationToken.None);
            return Results.LocalRedirect($"/classes/{id}");
        }).RequiresFormToken("reload the page and press End the class again");
        endpoints.MapPost("/classes/anonymous-practice", async (HttpContext context, PracticePolicy practice) =>
        {
            await practice.SetAnonymousAllowedAsync(context.Request.Form["allowed"] == "true", context.RequestAborted);
            return Results.LocalRedirect("/classes");
        }).RequireAuthorization(Roles.Instructor).RequiresFormToken("reload the page and save again");
        return endpoints;
    }

    private static async Task<ClassProgress?> ProgressOfAsync(int id, HttpContext context, ClassDirectory directory, ProgressLog progress, LabLibrary labs)
    {
        if (await directory.FindOwnedAsync(id, Learner.AccountId(context.User)!, context.RequestAborted) is not { } classroom)
            return null;
        var events = await progress.EventsOfAsync([.. classroom.Members.Select(m => m.AccountId)], classroom.Labs, context.RequestAborted);
        return new ClassProgress(classroom, labs.Valid, events);
    }

    private static string FileName(ClassProgress fold, string extension) =>
        $"class-{fold.Classroom.Id}-progress.{extension}";
}
