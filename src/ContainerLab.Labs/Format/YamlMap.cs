using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ContainerLab.Labs.Format;

/// <summary>
/// Reads one YAML mapping of a lab manifest, recording each problem with its line instead of stopping at the first:
/// a missing or mistyped field, an unknown one (a typo must not silently mean "not set").
/// </summary>
internal sealed class YamlMap(YamlMappingNode node, string file, List<LabProblem> problems)
{
    public int Line => Line0(node);
    public string File => file;
    public List<LabProblem> Problems => problems;

    public static int Line0(YamlNode node) => (int)node.Start.Line;

    public void Problem(YamlNode at, string message) => problems.Add(new LabProblem(file, Line0(at), message));
    public void Problem(string message) => problems.Add(new LabProblem(file, Line, message));

    public YamlNode? Get(string key) =>
        node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

    public bool Has(string key) => Get(key) is not null;

    /// <summary>Reports every key that is not one of <paramref name="known"/>.</summary>
    public void OnlyKnown(params string[] known)
    {
        foreach (var (key, _) in node.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? "?";
            if (!known.Contains(name))
                Problem(key, $"unknown field '{name}' (known here: {string.Join(", ", known)})");
        }
    }

    public string? String(string key, bool required = false)
    {
        switch (Get(key))
        {
            case null:
                if (required)
                    Problem($"'{key}' is required");
                return null;
            case YamlScalarNode { Value: { } value } when value.Length > 0:
                return value;
            case var other:
                Problem(other, $"'{key}' must be a non-empty text");
                return null;
        }
    }

    public int? Int(string key, int min, int max)
    {
        if (Get(key) is not { } value)
            return null;
        if (value is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            && number >= min && number <= max)
            return number;
        Problem(value, $"'{key}' must be a whole number from {min} to {max}");
        return null;
    }

    public double? Number(string key, double min, double max)
    {
        if (Get(key) is not { } value)
            return null;
        if (value is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            && number >= min && number <= max)
            return number;
        Problem(value, $"'{key}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }

    public long? Bytes(string key)
    {
        if (Get(key) is not { } value)
            return null;
        if (value is YamlScalarNode { Value: { } text } && ByteSize.TryParse(text, out long bytes))
            return bytes;
        Problem(value, $"'{key}' must be a size such as 64Mi, 1Gi or 1048576");
        return null;
    }

    public bool Bool(string key, bool fallback = false)
    {
        if (Get(key) is not { } value)
            return fallback;
        if (value is YamlScalarNode { Value: "true" or "false" } scalar)
            return scalar.Value == "true";
        Problem(value, $"'{key}' must be true or false");
        return fallback;
    }

    public YamlMap? Map(string key, bool required = false)
    {
        switch (Get(key))
        {
            case null:
                if (required)
                    Problem($"'{key}' is required");
                return null;
            case YamlMappingNode map:
                return new YamlMap(map, file, problems);
            case var other:
                Problem(other, $"'{key}' must be a mapping (key: value lines)");
                return null;
        }
    }

    public IReadOnlyList<YamlNode> Sequence(string key, bool required = false)
    {
        switch (Get(key))
        {
            case null:
                if (required)
                    Problem($"'{key}' is required");
                return [];
            case YamlSequenceNode sequence:
                return [.. sequence.Children];
            case var other:
                Problem(other, $"'{key}' must be a list (lines starting with '- ')");
                return [];
        }
    }

    public IEnumerable<(string Key, YamlNode Value, int Line)> Entries() =>
        node.Children.Select(kv => ((kv.Key as YamlScalarNode)?.Value ?? "?", kv.Value, Line0(kv.Key)));

    public YamlMap? AsMap(YamlNode value, string what)
    {
        if (value is YamlMappingNode map)
            return new YamlMap(map, file, problems);
        Problem(value, $"{what} must be a mapping (key: value lines)");
        return null;
    }
}
