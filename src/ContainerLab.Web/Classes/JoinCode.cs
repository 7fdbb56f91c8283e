using System.Security.Cryptography;

namespace ContainerLab.Web.Classes;

/// <summary>
/// A class's join code: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L), shown as ABCD-EFGH. 31^8 is
/// about 8.5e11 codes; with joins rate-limited per address (10 a minute) guessing one is hopeless.
/// </summary>
public static class JoinCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>What a student typed, as stored: upper case, without spaces or dashes; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 32)
            return null;
        var code = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    public static string Display(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;
}
