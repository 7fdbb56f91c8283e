using System.Security.Claims;
using ContainerLab.Web.LabRuns;

namespace ContainerLab.Web.Accounts;

/// <summary>
/// Whose progress a request's work is: the signed-in account's (wherever the student signs in), else the browser's
/// learner cookie (anonymous practice).
/// </summary>
public static class Learner
{
    public static string? AccountId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string? Read(HttpContext context) => AccountId(context.User) ?? LearnerCookie.Read(context);

    /// <summary>The learner, making the browser's cookie now if it is anonymous and has none.</summary>
    public static string Ensure(HttpContext context) => AccountId(context.User) ?? LearnerCookie.Ensure(context);
}
