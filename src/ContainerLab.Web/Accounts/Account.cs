using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace ContainerLab.Web.Accounts;

/// <summary>A person who signs in: an instructor, or a student with an account. The name shown to others is theirs to choose.</summary>
public sealed class Account : IdentityUser
{
    public const int DisplayNameMaxLength = 64;

    public string DisplayName { get; set; } = "";
}

public static class AccountNames
{
    /// <summary>The name others see for a signed-in user: their display name, else their user name; null when signed out.</summary>
    public static async Task<string?> ShownNameAsync(this UserManager<Account> accounts, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null
        : (await accounts.GetUserAsync(user))?.DisplayName is { Length: > 0 } shown ? shown : user.Identity.Name;
}
