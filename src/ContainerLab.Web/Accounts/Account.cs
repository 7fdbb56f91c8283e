using Microsoft.AspNetCore.Identity;

namespace ContainerLab.Web.Accounts;

/// <summary>A person who signs in: an instructor, or a student with an account. The name shown to others is theirs to choose.</summary>
public sealed class Account : IdentityUser
{
    public const int DisplayNameMaxLength = 64;

    public string DisplayName { get; set; } = "";
}
