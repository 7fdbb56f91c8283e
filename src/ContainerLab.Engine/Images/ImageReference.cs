using System.Text.RegularExpressions;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Images;

/// <summary>
/// "busybox", "busybox:latest", "labs/debian:12": a name (lowercase path components as in the distribution spec)
/// and a tag that defaults to "latest". Registry hosts with ports and digests are not supported: the store is local.
/// </summary>
internal readonly partial record struct ImageReference(string Name, string Tag)
{
    public const string DefaultTag = "latest";

    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        int colon = reference.LastIndexOf(':');
        bool hasTag = colon >= 0 && reference.IndexOf('/', colon) < 0;
        string name = hasTag ? reference[..colon] : reference;
        string tag = hasTag ? reference[(colon + 1)..] : DefaultTag;
        if (name.Length > 255 || !NamePattern().IsMatch(name))
            throw new InvalidRequestException($"invalid image name '{name}': use lowercase letters, digits and . _ - separated by /");
        if (!TagPattern().IsMatch(tag))
            throw new InvalidRequestException($"invalid image tag '{tag}': use up to 128 letters, digits, _ . -, not starting with . or -");
        return new ImageReference(name, tag);
    }

    /// <summary>Image record file name: '/' becomes '+' and '@' separates the tag; neither can appear in a name or tag.</summary>
    public string FileName => $"{Name.Replace('/', '+')}@{Tag}.json";

    public override string ToString() => $"{Name}:{Tag}";

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
