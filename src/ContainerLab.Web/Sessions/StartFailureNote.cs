namespace ContainerLab.Web.Sessions;

/// <summary>
/// Why the browser's last Start failed, carried from the form post to the page that says it (/start-failed) in a
/// short-lived cookie of its own: only this server can set it, so no link can make the page show someone else's text.
/// </summary>
public static class StartFailureNote
{
    public const string Name = "clab-start-failed";
    private const int MaxLength = 1000;

    public static void Write(HttpContext context, string reason) =>
        context.Response.Cookies.Append(Name, Uri.EscapeDataString(reason.Length > MaxLength ? reason[..MaxLength] : reason), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true,
            MaxAge = TimeSpan.FromMinutes(5), Path = "/",
        });

    public static string? Read(HttpContext context) =>
        context.Request.Cookies[Name] is { Length: > 0 } value ? Uri.UnescapeDataString(value) : null;
}
