using System.Globalization;
using ContainerLab.Engine.Host;

namespace ContainerLab.Engine.Processes;

/// <summary>The fields of /proc/PID/stat the engine needs: the state letter (field 3) and the start time (field 22, in clock ticks since boot).</summary>
internal readonly record struct ProcStat(char State, ulong StartTime)
{
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>null when the process is gone.</summary>
    public static ProcStat? Read(int pid)
    {
        if (KernelFile.ReadOrNull($"/proc/{pid}/stat") is not { } stat)
            return null;
        // comm (field 2) may contain spaces and parentheses: the fields after it start after the last ')'.
        int close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
            return null;
        string[] rest = stat[(close + 2)..].Split(' ');
        return rest.Length > 19 && rest[0].Length > 0 && ulong.TryParse(rest[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start)
            ? new ProcStat(rest[0][0], start)
            : null;
    }
}
