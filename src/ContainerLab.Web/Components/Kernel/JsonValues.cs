using System.Text.Json;

namespace ContainerLab.Web.Components.Kernel;

/// <summary>Reads from a JSON document of unknown shape without throwing: a value of the wrong kind is null or empty.</summary>
internal static class JsonValues
{
    public static string? Str(JsonElement? e) => e is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    public static long? Long(JsonElement? e) => e is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out long value) ? value : null;

    public static bool? Bool(JsonElement? e) => e?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static JsonElement? Prop(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? value : null;

    /// <summary>The value at a dotted path of member names ("linux.resources.cpu.period"), or null.</summary>
    public static JsonElement? At(JsonElement root, string path)
    {
        JsonElement? current = root;
        foreach (string name in path.Split('.'))
            current = Prop(current, name);
        return current;
    }

    public static IReadOnlyList<JsonElement> Items(JsonElement? e) =>
        e is { ValueKind: JsonValueKind.Array } a ? [.. a.EnumerateArray()] : [];

    public static IReadOnlyList<string> Strings(JsonElement? e) =>
        [.. Items(e).Select(i => Str(i)).OfType<string>()];
}
