using System.Globalization;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Cgroups;

/// <summary>Parsers for the few formats cgroup control files use (Documentation/admin-guide/cgroup-v2.rst "Interface Files").</summary>
internal static class CgroupFile
{
    /// <summary>
    /// v1 reports "no limit" as PAGE_COUNTER_MAX in bytes (9223372036854771712 with 4 KiB pages, a bit less with
    /// 64 KiB pages); no host has 4 EiB, so anything from 2^62 up means unlimited.
    /// </summary>
    private const long V1Unlimited = 1L << 62;

    /// <summary>The file's text, or null when it (or its cgroup) does not exist.</summary>
    public static string? ReadOrNull(string path) => KernelFile.ReadOrNull(path);

    /// <summary>A single number; null when the file is missing.</summary>
    public static long? ReadNumber(string path) => ReadOrNull(path) is string text ? Parse(text.Trim(), path) : null;

    /// <summary>A limit: null when missing, "max" (v2), -1 (v1 cfs quota) or PAGE_COUNTER_MAX (v1 memory).</summary>
    public static long? ReadLimit(string path) => ReadOrNull(path) is string text ? ParseLimit(text.Trim(), path) : null;

    public static long? ParseLimit(string text, string path)
    {
        if (text == "max")
            return null;
        long value = Parse(text, path);
        return value is < 0 or >= V1Unlimited ? null : value;
    }

    /// <summary>"key value" lines (memory.events, cpu.stat, pids.events, memory.oom_control); empty when missing.</summary>
    public static IReadOnlyDictionary<string, long> ReadKeyed(string path)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in (ReadOrNull(path) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
                values[fields[0]] = value;
        }
        return values;
    }

    /// <summary>Whitespace-separated words (cgroup.controllers); empty when missing.</summary>
    public static IReadOnlyList<string> ReadWords(string path) =>
        (ReadOrNull(path) ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>One pid per line (cgroup.procs); empty when missing.</summary>
    public static IEnumerable<int> ReadProcessIds(string path) =>
        (ReadOrNull(path) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => (int)Parse(line, path));

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Parse(string text, string path) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new InvalidDataException($"parse {path}: expected a number, got '{text}'");
}
