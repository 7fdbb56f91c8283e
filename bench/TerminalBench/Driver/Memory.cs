using System.Globalization;

namespace ContainerLab.Bench.TerminalBench;

internal static class Memory
{
    /// <summary>VmRSS of <paramref name="pid"/> in KiB, from /proc/PID/status.</summary>
    public static long RssKib(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }
}
