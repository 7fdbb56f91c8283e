using System.Globalization;

namespace ContainerLab.Api.Units;

/// <summary>
/// A size as a person wrote it: "64m", "1g", "512k", "512MiB", "1.5GiB" or plain bytes ("1048576"). Every suffix is
/// binary (k = KiB, like docker). The unit is kept, so that an answer can say sizes back in it (<see cref="Format"/>).
/// Shared by clabctl, the web and the daemon (which parses the `memory` and `disk` fields and its own options with it).
/// </summary>
public readonly record struct Size(long Bytes, string Unit, long UnitBytes)
{
    private static readonly (char Letter, long Bytes)[] Units = [('k', 1L << 10), ('m', 1L << 20), ('g', 1L << 30), ('t', 1L << 40)];

    public static Size Parse(string? text, string what) =>
        TryParse(text, out var size) ? size
        : throw new FormatException($"{what}: '{text}' is not a size such as 64m, 1g, 512MiB or a number of bytes");

    public static bool TryParse(string? text, out Size size)
    {
        size = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
            return false;
        string trimmed = text.Trim();
        int end = trimmed.Length;
        while (end > 0 && char.IsAsciiLetter(trimmed[end - 1]))
            end--;
        string number = trimmed[..end].TrimEnd(), unit = trimmed[end..];
        long unitBytes = UnitBytesOf(unit);
        if (unitBytes == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value) || value <= 0)
            return false;
        decimal bytes = decimal.Round(value * unitBytes);
        if (bytes < 1 || bytes > long.MaxValue)
            return false;
        size = new Size((long)bytes, unit, unitBytes);
        return true;
    }

    /// <summary><paramref name="bytes"/> in this size's unit as it was written: "0.5g", "512 MiB", "1048576 bytes".</summary>
    public string Format(long bytes)
    {
        if (UnitBytes <= 1)
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        string number = ((decimal)bytes / UnitBytes).ToString("0.##", CultureInfo.InvariantCulture);
        return Unit.Length == 1 ? number + Unit : $"{number} {Unit}";
    }

    /// <summary>Short, for tables: whole GiB as "1g", else MiB or KiB with one decimal ("64m", "1.5k").</summary>
    public static string FormatShort(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30}g"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#}m"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0.#}k"),
        _ => bytes.ToString(CultureInfo.InvariantCulture),
    };

    public override string ToString() => Format(Bytes);

    /// <summary>"", "b": bytes; "k", "kb", "ki", "kib" (any case) and the same for m, g, t; 0 for anything else.</summary>
    private static long UnitBytesOf(string unit)
    {
        string u = unit.ToLowerInvariant();
        if (u is "" or "b")
            return 1;
        foreach (var (letter, bytes) in Units)
        {
            if (u[0] == letter && u[1..] is "" or "b" or "i" or "ib")
                return bytes;
        }
        return 0;
    }
}
