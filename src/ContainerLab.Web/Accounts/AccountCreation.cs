using Microsoft.AspNetCore.Identity;

namespace ContainerLab.Web.Accounts;

/// <summary>
/// An account is created with its role or not at all: a role that cannot be given removes the account again, so no
/// account without a role is left behind (the first instructor's page and the join page both create accounts).
/// </summary>
public static class AccountCreation
{
    /// <param name="password">Null for a name-only student: an account without a password, held by the browser's cookie.</param>
    public static async Task<IdentityResult> CreateWithRoleAsync(this UserManager<Account> accounts, Account account, string? password, string role)
    {
        var created = password is null ? await accounts.CreateAsync(account) : await accounts.CreateAsync(account, password);
        if (!created.Succeeded)
            return created;
        var given = await accounts.AddToRoleAsync(account, role);
        if (!given.Succeeded)
            await accounts.DeleteAsync(account);
        return given;
    }
}
