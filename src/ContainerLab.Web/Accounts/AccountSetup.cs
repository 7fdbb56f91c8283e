using ContainerLab.Web.Database;
using Microsoft.AspNetCore.Identity;

namespace ContainerLab.Web.Accounts;

/// <summary>ASP.NET Core Identity over the classroom database: accounts, the two roles, the sign-in cookie, lockout.</summary>
public static class AccountSetup
{
    public const string CookieName = "clab-account";
    public const string LoginPath = "/account/login";
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddClassroomAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<Account>(identity =>
            {
                // Length is what makes a password hard to guess; composition rules mostly make it hard to remember (NIST SP 800-63B).
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                identity.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = false; // no e-mail needed: a class of 14-year-olds may have none
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClassroomDb>()
            .AddSignInManager();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax; // a link to the app from elsewhere (the class's page) arrives signed in
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever served over HTTPS
            cookie.LoginPath = LoginPath;
            cookie.AccessDeniedPath = "/account/denied";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14); // a class meets weekly: a name-only student keeps their work between lessons
            cookie.SlidingExpiration = true;
        }));
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Instructor, policy => policy.RequireRole(Roles.Instructor));
        services.AddCascadingAuthenticationState();
        services.AddSingleton<FirstInstructorInvite>();
        services.AddSignInLimits();
        return services;
    }

    /// <summary>The roles, and the first instructor's link while there is none (after the database is migrated).</summary>
    public static Task PrepareAccountsAsync(this IServiceProvider services) =>
        services.GetRequiredService<FirstInstructorInvite>().PrepareAsync(services);
}
