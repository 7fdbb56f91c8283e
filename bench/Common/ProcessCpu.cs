using System.Globalization;

namespace ContainerLab.Bench;

/// <summary>CPU time a process has used, from /proc/PID/stat (utime + stime, all its threads; children not included).</summary>
internal static class ProcessCpu
{
    /// <summary>USER_HZ: the unit of utime and stime; 100 on every Linux architecture that .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of <paramref name="pid"/> in seconds (10 ms resolution).</summary>
    public static double Seconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // comm (field 2) is in parentheses and may hold spaces: count fields after its closing one. utime and stime are
        // fields 14 and 15, so the 12th and 13th after comm.
        string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long utime = long.Parse(rest[11], CultureInfo.InvariantCulture), stime = long.Parse(rest[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }
}
