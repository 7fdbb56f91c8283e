using System.Globalization;

namespace ContainerLab.Integration.Tests.Isolation;

/// <summary>The lines of /proc/PID/status that say what a process may do: capability sets, no_new_privs, seccomp mode.</summary>
internal sealed record ProcStatus(ulong CapInh, ulong CapPrm, ulong CapEff, ulong CapBnd, ulong CapAmb, int NoNewPrivs, int Seccomp)
{
    public const int CapSysModule = 16;
    public const int CapSysPtrace = 19;
    public const int CapSysAdmin = 21;
    public const int CapSetfcap = 31;

    /// <summary>Docker's default set minus CAP_SETFCAP: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE.</summary>
    public const ulong DefaultSet = 0x280425fb;

    /// <summary>Parses the output of `cat /proc/PID/status` (or a grep of it).</summary>
    public static ProcStatus Parse(string text)
    {
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim())
            .ToDictionary(g => g.Key, g => g.First()[1].Trim());
        ulong Hex(string key) => ulong.Parse(fields[key], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int Int(string key) => int.Parse(fields[key], CultureInfo.InvariantCulture);
        return new ProcStatus(Hex("CapInh"), Hex("CapPrm"), Hex("CapEff"), Hex("CapBnd"), Hex("CapAmb"), Int("NoNewPrivs"), Int("Seccomp"));
    }

    public static bool Has(ulong set, int capability) => (set & (1UL << capability)) != 0;
}
