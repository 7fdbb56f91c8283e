using System.Text.Json;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// The line of every property and array element of a JSON document, by path ("details.steps[1].verify"), so a
/// problem found in the parsed document can name its line; JsonDocument itself keeps no positions.
/// </summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>The 1-based line of <paramref name="path"/>, or of its nearest parent that has one; 1 for the document.</summary>
    public int LineOf(string path)
    {
        while (path.Length > 0)
        {
            if (_lines.TryGetValue(path, out int line))
                return line;
            int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            path = cut < 0 ? "" : path[..cut];
        }
        return 1;
    }

    /// <summary>Indexes a document that already parsed (JsonDocument.Parse), with the same reader options.</summary>
    public static JsonLineIndex Build(ReadOnlySpan<byte> json, JsonReaderOptions options)
    {
        var index = new JsonLineIndex();
        var reader = new Utf8JsonReader(json, options);
        var containers = new Stack<(string Path, bool IsArray, int Next)>();
        string? property = null;
        int line = 1;
        long counted = 0;
        while (reader.Read())
        {
            for (long i = counted; i < reader.TokenStartIndex; i++)
                if (json[(int)i] == (byte)'\n')
                    line++;
            counted = reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                containers.Pop();
                continue;
            }
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                string parent = containers.Peek().Path;
                property = (parent.Length == 0 ? "" : parent + ".") + reader.GetString();
                index._lines.TryAdd(property, line);
                continue;
            }
            // A value: an array element gets its own path; a property's value has the property's.
            string path = property ?? "";
            if (containers.TryPeek(out var top) && top.IsArray)
            {
                containers.Pop();
                containers.Push(top with { Next = top.Next + 1 });
                path = $"{top.Path}[{top.Next}]";
                index._lines.TryAdd(path, line);
            }
            property = null;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                containers.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
        }
        return index;
    }
}
