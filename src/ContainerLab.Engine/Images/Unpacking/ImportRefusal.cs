using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>Builds the refusal messages, so every rule names the layer, the entry and what it broke in the same words.</summary>
internal static class ImportRefusal
{
    /// <summary>"layer sha256:0123456789ab: entry '../etc/passwd' escapes the layer root".</summary>
    public static ImageImportException Entry(string layer, string entryName, string rule) =>
        new($"layer {layer}: entry '{entryName}' {rule}");

    public static ImageImportException Layer(string layer, string problem, Exception? inner = null) =>
        new($"layer {layer}: {problem}", inner);

    /// <summary>Short label for messages: the first 12 hex digits, like `docker images` prints ids.</summary>
    public static string ShortDigest(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 19 ? digest[..19] : digest;
}
