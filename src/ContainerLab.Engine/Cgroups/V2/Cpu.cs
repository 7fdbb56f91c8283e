namespace ContainerLab.Engine.Cgroups.V2;

/// <summary>The v2 cpu controller (Documentation/admin-guide/cgroup-v2.rst "CPU"). Usage is in cpu.stat, no cpuacct.</summary>
internal static class Cpu
{
    public const string Name = "cpu";

    /// <summary>"$QUOTA $PERIOD" in microseconds; "max" quota for no limit.</summary>
    public const string LimitFile = "cpu.max";
    public const string StatFile = "cpu.stat";

    public static CpuStats ReadStats(string directory)
    {
        // usage_usec is there even without the cpu controller enabled (core cgroup accounting); the rest needs it.
        IReadOnlyDictionary<string, long> stat = CgroupFile.ReadKeyed(Path.Combine(directory, StatFile));
        string max = Path.Combine(directory, LimitFile);
        (long? quota, long? period) = ParseMax(CgroupFile.ReadOrNull(max), max);
        return new CpuStats(
            UsageNanoseconds: stat.TryGetValue("usage_usec", out long usage) ? usage * 1000 : null,
            QuotaMicroseconds: quota,
            PeriodMicroseconds: period,
            ThrottledPeriods: stat.GetValueOrDefault("nr_throttled"),
            ThrottledNanoseconds: stat.GetValueOrDefault("throttled_usec") * 1000);
    }

    public static CgroupLimitFile ReadLimit(string directory) => CgroupLimitFile.Read(directory, LimitFile);

    /// <summary>"max 100000" or "50000 100000"; nulls when the file is missing (<paramref name="text"/> null).</summary>
    public static (long? Quota, long? Period) ParseMax(string? text, string path)
    {
        if (text is null)
            return (null, null);
        string[] fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2)
            throw new InvalidDataException($"parse {path}: expected '$QUOTA $PERIOD', got '{text.Trim()}'");
        return (CgroupFile.ParseLimit(fields[0], path), CgroupFile.ParseLimit(fields[1], path));
    }
}
