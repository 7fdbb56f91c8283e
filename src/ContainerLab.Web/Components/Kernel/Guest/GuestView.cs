using System.Globalization;

namespace ContainerLab.Web.Components.Kernel.Guest;

/// <summary>One process of the guest: its pid and name, as the guest's kernel numbers and names it.</summary>
public sealed record GuestProcess(int Pid, string Name);

/// <summary>
/// What a VM node's guest says of itself, read inside the guest through its agent by <see cref="Probe"/>: its kernel's
/// release, how long it has been up, its memory as its kernel counts it, and its processes (kernel threads counted,
/// not listed). The host's kernel sees none of this: to it the guest is QEMU's memory.
/// </summary>
public sealed record GuestView(string Release, double UptimeSeconds, long MemTotalKib, long MemAvailableKib,
    IReadOnlyList<GuestProcess> Processes, int KernelThreads)
{
    /// <summary>
    /// The probe, for busybox sh in the guest: shell builtins only (read, test, echo), so that the only process it adds
    /// is its own shell, which it leaves out. A process without an executable (its exe link leads nowhere) is a kernel
    /// thread. (/proc's files all have size 0, so test -s cannot tell an empty cmdline.)
    /// </summary>
    public const string Probe = """
        read -r release < /proc/sys/kernel/osrelease; echo "release $release"
        read -r up _ < /proc/uptime; echo "uptime $up"
        while read -r key value _; do case $key in MemTotal:|MemAvailable:) echo "$key $value";; esac; done < /proc/meminfo
        threads=0
        for d in /proc/[0-9]*; do
          pid=${d#/proc/}
          [ "$pid" = "$$" ] && continue
          if [ -e "$d/exe" ]; then read -r comm < "$d/comm" && echo "process $pid $comm"; else threads=$((threads + 1)); fi
        done
        echo "kernel-threads $threads"
        """;

    /// <summary>Reads the probe's output; null when it does not hold what the probe prints (a guest that is not ours).</summary>
    public static GuestView? Parse(string output)
    {
        string? release = null;
        double? uptime = null;
        long total = -1, available = -1;
        int? threads = null;
        var processes = new List<GuestProcess>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            switch (parts)
            {
                case ["release", var r]:
                    release = r;
                    break;
                case ["uptime", var u] when double.TryParse(u, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                    uptime = seconds;
                    break;
                case ["MemTotal:", var t] when long.TryParse(t, CultureInfo.InvariantCulture, out long kib):
                    total = kib;
                    break;
                case ["MemAvailable:", var a] when long.TryParse(a, CultureInfo.InvariantCulture, out long kib):
                    available = kib;
                    break;
                case ["process", var p, var name] when int.TryParse(p, CultureInfo.InvariantCulture, out int pid) && processes.Count < MaxProcesses:
                    processes.Add(new GuestProcess(pid, name));
                    break;
                case ["kernel-threads", var k] when int.TryParse(k, CultureInfo.InvariantCulture, out int count):
                    threads = count;
                    break;
            }
        }
        if (release is null || uptime is null || total < 0 || available < 0 || threads is null)
            return null;
        processes.Sort((x, y) => x.Pid.CompareTo(y.Pid));
        return new GuestView(release, uptime.Value, total, available, processes, threads.Value);
    }

    /// <summary>A guest's root may start thousands of processes; the panel lists this many.</summary>
    public const int MaxProcesses = 200;
}
