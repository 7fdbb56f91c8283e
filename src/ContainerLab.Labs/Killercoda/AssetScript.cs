using System.Text;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// The shell script that puts a scenario's assets where index.json asks, inside the node. A lab's setup runs with
/// /bin/sh in the node and the lab folder is not mounted there, so each file travels inside the script: text as a
/// quoted here-document (readable in the lab folder), anything else base64-encoded (busybox and coreutils both decode).
/// A file that several patterns place travels once: later places copy it from the first while that still holds it.
/// </summary>
internal static class AssetScript
{
    private const int Base64LineLength = 76;

    public static string Build(IReadOnlyList<KillercodaAsset> assets, IReadOnlyDictionary<string, byte[]> files)
    {
        var script = new StringBuilder();
        script.Append("# The scenario's assets for host01, placed as its index.json asks (clabctl labs import-killercoda).\n");
        foreach (var directory in assets.Select(a => a.TargetDirectory).Distinct(StringComparer.Ordinal))
            script.Append($"mkdir -p {Quote(directory)}\n");
        var holder = new Dictionary<string, string>(StringComparer.Ordinal); // target path -> the source it holds now
        foreach (var asset in assets)
        {
            byte[] content = files[asset.Source];
            string target = Quote(asset.TargetPath);
            string? copy = holder.FirstOrDefault(h => h.Value == asset.Source && h.Key != asset.TargetPath).Key;
            holder[asset.TargetPath] = asset.Source;
            if (copy is not null)
                script.Append($"cp {Quote(copy)} {target}\n");
            else if (AsText(content) is { } text)
            {
                string end = Delimiter(text);
                script.Append($"cat > {target} <<'{end}'\n{text}{end}\n");
            }
            else
            {
                string end = "CLAB_BASE64_END";
                script.Append($"base64 -d > {target} <<'{end}'\n");
                string encoded = Convert.ToBase64String(content);
                for (int i = 0; i < encoded.Length; i += Base64LineLength)
                    script.Append(encoded.AsSpan(i, Math.Min(Base64LineLength, encoded.Length - i))).Append('\n');
                script.Append(end).Append('\n');
            }
            if (asset.Chmod is { } mode)
                script.Append($"chmod {Quote(mode)} {target}\n");
        }
        return script.ToString();
    }

    /// <summary>Single quotes for sh: everything literal; a ' inside becomes '\''.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The content as text when a here-document carries it byte for byte: UTF-8, no NUL or carriage return, not empty,
    /// ending with a newline (a here-document always ends with one).
    /// </summary>
    private static string? AsText(byte[] content)
    {
        if (content.Length == 0 || content[^1] != (byte)'\n' || content.Contains((byte)0) || content.Contains((byte)'\r'))
            return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A here-document end marker that is no line of <paramref name="text"/>.</summary>
    private static string Delimiter(string text)
    {
        var lines = text.Split('\n').ToHashSet(StringComparer.Ordinal);
        string end = "CLAB_ASSET_END";
        for (int n = 2; lines.Contains(end); n++)
            end = $"CLAB_ASSET_END_{n}";
        return end;
    }
}
