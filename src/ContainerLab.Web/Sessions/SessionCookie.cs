namespace ContainerLab.Web.Sessions;

/// <summary>The cookie that carries a session's token: HttpOnly, SameSite=Strict, Secure when served over HTTPS.</summary>
public static class SessionCookie
{
    public const string Name = "clab-session";

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Write(HttpContext context, StudentSession session, TimeSpan maxAge) =>
        context.Response.Cookies.Append(Name, session.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            MaxAge = maxAge,
            Path = "/",
        });

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(Name);
}
