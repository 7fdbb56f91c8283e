using System.Globalization;

namespace ContainerLab.Labs.Format;

/// <summary>Sizes as lab authors write them: 1048576, 64Ki/64K, 128Mi/128M, 1Gi/1G (powers of 1024, like Kubernetes' Mi).</summary>
public static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        int split = text.Length;
        while (split > 0 && char.IsLetter(text[split - 1]))
            split--;
        long unit = text[split..] switch
        {
            "" => 1,
            "K" or "Ki" => 1L << 10,
            "M" or "Mi" => 1L << 20,
            "G" or "Gi" => 1L << 30,
            _ => 0,
        };
        if (unit == 0 || !long.TryParse(text[..split], NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number <= 0)
            return false;
        if (number > long.MaxValue / unit)
            return false;
        bytes = number * unit;
        return true;
    }

    public static string Format(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30} GiB" : bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB" : bytes % 1024 == 0 ? $"{bytes >> 10} KiB" : $"{bytes} B";
}
