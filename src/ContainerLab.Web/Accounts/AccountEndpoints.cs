using ContainerLab.Web.Hosting;
using Microsoft.AspNetCore.Identity;

namespace ContainerLab.Web.Accounts;

/// <summary>Sign-out: a form post with the antiforgery token, never a link another page could trigger.</summary>
public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async (SignInManager<Account> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).RequiresFormToken("reload the page and press Sign out again");
        return endpoints;
    }
}
