using System.Globalization;

namespace ContainerLab.Cli.Formatting;

/// <summary>Sizes as people type them: 64m, 1g, 512k, 1048576 (bytes).</summary>
internal static class SizeParser
{
    public static long? Parse(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        string value = text.Trim().ToLowerInvariant().TrimEnd('b', 'i');
        long unit = value[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1 };
        if (unit != 1)
            value = value[..^1];
        return decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number) && number > 0
            ? (long)(number * unit)
            : throw new FormatException($"{option}: '{text}' is not a size such as 64m, 1g or 512k");
    }

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30}g",
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#}m"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#}k"),
        _ => bytes.ToString(CultureInfo.InvariantCulture),
    };
}
