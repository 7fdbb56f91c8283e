using ContainerLab.Web.Accounts;
using ContainerLab.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace ContainerLab.Web.LabUploads;

/// <summary>
/// POST /labs/drafts: an instructor's lab zip (a form with its antiforgery token). A refused archive sends the
/// instructor back to /labs/manage, which says why; an accepted one opens its draft, problems and all.
/// </summary>
public static class LabUploadEndpoints
{
    public const string ManagePath = "/labs/manage";
    public const string FileField = "lab";
    /// <summary>The form around the zip (its token, the multipart framing) on top of the zip itself.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapLabUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/labs/drafts", async (HttpContext context, LabDrafts drafts) =>
        {
            string owner = Learner.AccountId(context.User)!;
            var file = context.Request.Form.Files[FileField];
            if (file is null || file.Length == 0)
                return Refuse(drafts, owner, "choose a lab's .zip file first");
            if (file.Length > LabArchive.MaxUploadBytes)
                return Refuse(drafts, owner, TooLarge(file.Length));
            try
            {
                await using var zip = file.OpenReadStream();
                var draft = drafts.Receive(owner, file.FileName, zip);
                return Results.LocalRedirect($"/labs/drafts/{draft.Id}");
            }
            catch (LabArchiveException e)
            {
                return Refuse(drafts, owner, e.Message);
            }
        })
        .RequireAuthorization(Roles.Instructor)
        // Before the token is read (it is in the same form): a body over the limit is refused by its length, not buffered.
        .AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            long limit = LabArchive.MaxUploadBytes + FormOverheadBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;
            if (http.Request.ContentLength > limit)
                return Refuse(http.RequestServices.GetRequiredService<LabDrafts>(), Learner.AccountId(http.User)!, TooLarge(http.Request.ContentLength.Value));
            try
            {
                return await next(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Refuse(http.RequestServices.GetRequiredService<LabDrafts>(), Learner.AccountId(http.User)!, TooLarge(limit + 1));
            }
        })
        .RequiresFormToken("reload the page and upload the lab again");
        return endpoints;
    }

    private static string TooLarge(long bytes) =>
        $"the upload is {bytes / (1024.0 * 1024):0.#} MiB; a lab's zip is at most {LabArchive.MaxUploadBytes / (1024 * 1024)} MiB";

    private static IResult Refuse(LabDrafts drafts, string owner, string reason)
    {
        drafts.Refuse(owner, reason);
        return Results.LocalRedirect(ManagePath);
    }
}
