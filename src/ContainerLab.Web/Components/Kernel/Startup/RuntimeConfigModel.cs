using System.Text.Encodings.Web;
using System.Text.Json;

namespace ContainerLab.Web.Components.Kernel.Startup;

/// <summary>
/// One line of the listing: a member or array item (its JSON text as written), or the opening or closing bracket
/// of an object or array that does not fit on one line. <see cref="Path"/> is "linux.namespaces[0]"; "" for the root.
/// </summary>
public sealed record ConfigLine(int Index, int Depth, string Path, string? Key, string Text, string? Annotation)
{
    /// <summary>For an opening bracket, the index of its closing line; else -1.</summary>
    public int End { get; init; } = -1;

    /// <summary>Items or members of the object or array an opening line starts.</summary>
    public int Count { get; init; }

    /// <summary>A long array that starts collapsed and has a control to expand it.</summary>
    public bool Collapsible { get; init; }

    /// <summary>A comma follows (on a closing line: after the bracket).</summary>
    public bool Comma { get; init; }

    /// <summary>The closing bracket of a multi-line object or array (it has its opening line's path).</summary>
    public bool IsClosing { get; init; }

    public bool IsOpening => End >= 0;
}

/// <summary>
/// config.json as an indented listing with an annotation on each part that makes a namespace, a limit or a mask
/// (<see cref="ConfigAnnotations"/>). Text that is not a JSON object, or not what the spec describes, is kept as plain
/// text with no annotations.
/// </summary>
public sealed class RuntimeConfigModel
{
    /// <summary>Arrays longer than this start collapsed (the seccomp rules always do).</summary>
    public const int CollapseAbove = 16;

    /// <summary>A config.json needing more lines than this is shown as plain text: the daemon's own is about 400.</summary>
    public const int MaxLines = 20_000;

    private const int InlineWidth = 80, InlineItems = 6;
    private static readonly HashSet<string> AlwaysCollapsed = new(StringComparer.Ordinal) { "linux.seccomp.syscalls" };
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    private RuntimeConfigModel(string text, IReadOnlyList<ConfigLine> lines, string? plainTextReason)
    {
        Text = text;
        Lines = lines;
        PlainTextReason = plainTextReason;
        AnnotationCount = lines.Count(l => l.Annotation is not null);
    }

    /// <summary>The document as the daemon sent it.</summary>
    public string Text { get; }

    /// <summary>The listing; empty when the text is shown plain.</summary>
    public IReadOnlyList<ConfigLine> Lines { get; }

    /// <summary>Why the text is shown plain ("not valid JSON: ..."), or null.</summary>
    public string? PlainTextReason { get; }

    public bool IsPlainText => PlainTextReason is not null;

    public int AnnotationCount { get; }

    public static RuntimeConfigModel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text, ParseOptions);
            var root = document.RootElement;
            if (ConfigShape.Mismatch(root) is { } mismatch)
                return Plain(text, $"not the shape of an OCI config.json ({mismatch}); shown as it is");
            var lines = new List<ConfigLine>();
            new Builder(root, lines).Add(root, depth: 0, path: "", pattern: "", key: null);
            return lines.Count > MaxLines
                ? Plain(text, $"more than {KernelText.Number(MaxLines)} lines; shown as it is")
                : new RuntimeConfigModel(text, lines, null);
        }
        catch (JsonException e)
        {
            return Plain(text, $"not valid JSON ({e.Message}); shown as it is");
        }
        catch (InvalidOperationException)
        {
            // An annotation met a value of a kind it did not expect (ConfigShape should have caught it): no half-annotated listing.
            return Plain(text, "not the shape of an OCI config.json; shown as it is");
        }
    }

    /// <summary>The lines to draw: everything but the inside of collapsed arrays.</summary>
    public IEnumerable<ConfigLine> VisibleLines(Func<ConfigLine, bool> isCollapsed)
    {
        ArgumentNullException.ThrowIfNull(isCollapsed);
        for (int i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            yield return line;
            if (line.IsOpening && line.Collapsible && isCollapsed(line))
                i = line.End;
        }
    }

    private static RuntimeConfigModel Plain(string text, string reason) => new(text, [], reason);

    /// <summary>Walks the document depth first, one line per scalar, and an opening and a closing line per container.</summary>
    private sealed class Builder(JsonElement root, List<ConfigLine> lines)
    {
        private sealed record Child(string? Key, string Path, string Pattern, JsonElement Value);

        public void Add(JsonElement value, int depth, string path, string pattern, string? key)
        {
            string? annotation = ConfigAnnotations.Describe(pattern, value, root);
            if (!IsContainer(value))
            {
                lines.Add(new ConfigLine(lines.Count, depth, path, key, value.GetRawText(), annotation));
                return;
            }
            var children = Children(value, path, pattern);
            if (OneLine(value, children) is { } text)
            {
                lines.Add(new ConfigLine(lines.Count, depth, path, key, text, annotation));
                return;
            }

            bool isArray = value.ValueKind == JsonValueKind.Array;
            int open = lines.Count;
            lines.Add(new ConfigLine(open, depth, path, key, isArray ? "[" : "{", annotation));
            for (int i = 0; i < children.Count; i++)
            {
                var child = children[i];
                Add(child.Value, depth + 1, child.Path, child.Pattern, child.Key);
                if (i < children.Count - 1)
                    lines[^1] = lines[^1] with { Comma = true };
            }
            lines.Add(new ConfigLine(lines.Count, depth, path, null, isArray ? "]" : "}", null) { IsClosing = true });
            lines[open] = lines[open] with
            {
                End = lines.Count - 1,
                Count = children.Count,
                Collapsible = isArray && (children.Count > CollapseAbove || AlwaysCollapsed.Contains(pattern)),
            };
        }

        private static List<Child> Children(JsonElement container, string path, string pattern) =>
            container.ValueKind == JsonValueKind.Object
                ? [.. container.EnumerateObject().Select(p => new Child(Quote(p.Name), ConfigShape.Join(path, p.Name), ConfigShape.Join(pattern, p.Name), p.Value))]
                : [.. container.EnumerateArray().Select((item, i) => new Child(null, $"{path}[{i}]", $"{pattern}[*]", item))];

        /// <summary>
        /// An empty container, or a short one of scalars ({ "type": "pid" }, ["nosuid", "ro"]) on one line, unless one of
        /// its parts has an annotation of its own: then each part needs a line to carry it.
        /// </summary>
        private static string? OneLine(JsonElement container, List<Child> children)
        {
            bool isObject = container.ValueKind == JsonValueKind.Object;
            if (children.Count == 0)
                return isObject ? "{}" : "[]";
            if (children.Count > InlineItems || children.Any(c => IsContainer(c.Value) && !IsEmpty(c.Value) || ConfigAnnotations.Has(c.Pattern)))
                return null;
            var parts = children.Select(c => c.Key is null ? c.Value.GetRawText() : $"{c.Key}: {c.Value.GetRawText()}");
            string text = isObject ? $"{{ {string.Join(", ", parts)} }}" : $"[{string.Join(", ", parts)}]";
            return text.Length <= InlineWidth ? text : null;
        }

        private static bool IsContainer(JsonElement e) => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

        private static bool IsEmpty(JsonElement e) =>
            e.ValueKind == JsonValueKind.Object ? !e.EnumerateObject().Any() : e.GetArrayLength() == 0;

        private static string Quote(string name) => $"\"{JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";
    }
}
