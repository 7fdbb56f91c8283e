using System.Text.RegularExpressions;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// Rules for ids and names that end up in paths, cgroup names, hostnames and runtime ids:
/// lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters
/// (a DNS label). Nothing with '/', '..' or spaces can pass.
/// </summary>
public static partial class SandboxName
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static string Require(string? value, string what) => IsValid(value)
        ? value!
        : throw new InvalidRequestException(
            $"{what} '{value}' is not valid: use 1-63 lowercase letters, digits or '-', starting with a letter or digit");
}
