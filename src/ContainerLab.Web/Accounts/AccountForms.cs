using System.ComponentModel.DataAnnotations;

namespace ContainerLab.Web.Accounts;

/// <summary>The sign-in form.</summary>
public sealed class LoginForm
{
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(64)]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(256)]
    public string Password { get; set; } = "";
}

/// <summary>The form that creates an account (the first instructor's, from the one-time link).</summary>
public sealed class NewAccountForm
{
    [Required(ErrorMessage = "Choose a user name.")]
    [StringLength(64, MinimumLength = 2, ErrorMessage = "A user name has 2 to 64 characters.")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "A user name may have letters, digits and . _ - only.")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter the name others see.")]
    [StringLength(Account.DisplayNameMaxLength, ErrorMessage = "A name has at most 64 characters.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(256, MinimumLength = 10, ErrorMessage = "A password has at least 10 characters.")]
    public string Password { get; set; } = "";

    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";

    public string Token { get; set; } = "";
}

/// <summary>Where to go after signing in: only a path of this site (an open redirect would send a student elsewhere).</summary>
public static class LocalReturn
{
    public static string Path(string? returnUrl) =>
        returnUrl is { Length: > 0 and < 2048 } url && url[0] == '/' && (url.Length == 1 || url[1] is not '/' and not '\\') ? url : "/";
}

/// <summary>The form a student joins a class with.</summary>
public sealed class JoinForm
{
    [Required(ErrorMessage = "Enter the class's code.")]
    [StringLength(32)]
    public string Code { get; set; } = "";

    [StringLength(Account.DisplayNameMaxLength, ErrorMessage = "A name has at most 64 characters.")]
    public string DisplayName { get; set; } = "";

    /// <summary>For a class that requires an account, when not signed in: an existing account's or a new one's.</summary>
    [StringLength(64)]
    public string UserName { get; set; } = "";

    [StringLength(256)]
    public string Password { get; set; } = "";
}
