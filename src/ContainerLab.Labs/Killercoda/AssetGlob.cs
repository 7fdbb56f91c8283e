using System.Text;
using System.Text.RegularExpressions;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// The file patterns of index.json's assets, matched as Killercoda matches them (globstar): <c>*</c> and <c>?</c>
/// match within one folder (never a '/'), and a whole path part <c>**</c> matches zero or more folders, so
/// <c>**/*.json</c> is every .json file at any depth and <c>app1/*/*.json</c> those one folder below app1/. A pattern
/// that is only <c>**</c> (or ends in <c>/**</c>) takes every file below it. Paths are relative to assets/.
/// </summary>
public static class AssetGlob
{
    public static bool IsPattern(string file) => file.Contains('*') || file.Contains('?');

    public static bool Matches(string pattern, string relativePath) => ToRegex(pattern).IsMatch(relativePath);

    /// <summary>The files of <paramref name="relativePaths"/> that <paramref name="pattern"/> matches, in ordinal order.</summary>
    public static IReadOnlyList<string> Match(string pattern, IEnumerable<string> relativePaths)
    {
        var regex = ToRegex(pattern);
        return [.. relativePaths.Where(p => regex.IsMatch(p)).Order(StringComparer.Ordinal)];
    }

    private static Regex ToRegex(string pattern)
    {
        string[] parts = pattern.Split('/');
        var regex = new StringBuilder("^");
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            if (parts[i] == "**")
            {
                // Any depth: as the last part, every file below; before another part, zero or more whole folders.
                regex.Append(last ? "[^/]+(/[^/]+)*" : "([^/]+/)*");
                continue;
            }
            foreach (char c in parts[i])
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
            if (!last)
                regex.Append('/');
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
