using Microsoft.AspNetCore.Antiforgery;

namespace ContainerLab.Web.Hosting;

/// <summary>
/// The web's form posts (Start, End, Sign out, End the class, the practice switch) accept only a form the web served:
/// its antiforgery token, checked before the handler runs, else 400 with what to do. A page of another site cannot post
/// them in the student's name.
/// </summary>
public static class FormPosts
{
    /// <param name="retry">What the student does next, after "the form expired: ", e.g. "reload the page and press Start again".</param>
    public static RouteHandlerBuilder RequiresFormToken(this RouteHandlerBuilder endpoint, string retry) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context.HttpContext)
                ? await next(context)
                : Results.Text($"the form expired: {retry}", statusCode: StatusCodes.Status400BadRequest));
}
