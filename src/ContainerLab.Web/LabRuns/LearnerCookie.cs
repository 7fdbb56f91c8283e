using System.Security.Cryptography;

namespace ContainerLab.Web.LabRuns;

/// <summary>
/// A long-lived random id for the browser (HttpOnly, SameSite=Strict, 180 days) that lab progress is kept under, so it
/// outlives sessions. It grants nothing: progress is all it names. Accounts replace it later.
/// </summary>
public static class LearnerCookie
{
    public const string Name = "clab-learner";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    /// <summary>The browser's learner id, made and set now if it has none (or a malformed one).</summary>
    public static string Ensure(HttpContext context)
    {
        if (Read(context) is { } existing)
            return existing;
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(Name, id, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = Lifetime, Path = "/",
        });
        return id;
    }

    public static string? Read(HttpContext context) =>
        context.Request.Cookies[Name] is { Length: 32 } id && id.All(char.IsAsciiHexDigitLower) ? id : null;
}
