using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace ContainerLab.Engine.Host;

/// <summary>
/// The host's TSC rate in kHz, or null when it cannot be known without measuring. Under TCG a guest's rdtsc is the
/// host's TSC plus an offset, so the guest's TSC ticks at this rate. A guest kernel measures that rate against the
/// PIT at boot; emulated, on a busy host, the measurement is disturbed, the kernel gives up ("Unable to calibrate
/// against PIT", "Marking TSC unstable") and then spins in its delay-loop calibration forever (8 of 9 boots with three
/// guests on two cores). Told the rate (tsc_early_khz=), it skips the measurement.
/// </summary>
public static class TscRate
{
    public static long? Khz { get; } = Read();

    private static long? Read()
    {
        string cpuinfo;
        try { cpuinfo = File.ReadAllText("/proc/cpuinfo"); }
        catch (IOException) { return null; }
        return FromCpuid() ?? FromCpuInfo(cpuinfo);
    }

    /// <summary>
    /// What the CPU or the hypervisor states: the hypervisor's timing leaf 0x40000010 (VMware's, KVM's when asked;
    /// eax in kHz), else leaf 0x15 (core crystal in Hz times the TSC/crystal ratio ebx/eax; Intel since Skylake).
    /// </summary>
    private static long? FromCpuid()
    {
        if (!X86Base.IsSupported)
            return null;
        var (hypervisorMax, _, _, _) = X86Base.CpuId(0x40000000, 0);
        if ((uint)hypervisorMax is >= 0x40000010 and < 0x50000000)
        {
            var (khz, _, _, _) = X86Base.CpuId(0x40000010, 0);
            if (khz > 0)
                return khz;
        }
        var (maxLeaf, _, _, _) = X86Base.CpuId(0, 0);
        if (maxLeaf >= 0x15)
        {
            var (denominator, numerator, crystalHz, _) = X86Base.CpuId(0x15, 0);
            if (denominator > 0 && numerator > 0 && crystalHz > 0)
                return (long)(uint)crystalHz * (uint)numerator / (uint)denominator / 1000;
        }
        return null;
    }

    /// <summary>
    /// "cpu MHz" of /proc/cpuinfo is the kernel's cpu_khz, which is the TSC's rate when the TSC is constant, unless the
    /// CPU has APERF/MPERF: then the kernel shows the core's current clock instead, which is not the TSC's.
    /// </summary>
    internal static long? FromCpuInfo(string cpuinfo)
    {
        string? flags = Field(cpuinfo, "flags");
        string? mhz = Field(cpuinfo, "cpu MHz");
        if (flags is null || mhz is null)
            return null;
        string[] flag = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!flag.Contains("constant_tsc") || flag.Contains("aperfmperf"))
            return null;
        return decimal.TryParse(mhz, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value) && value > 0
            ? (long)Math.Round(value * 1000)
            : null;
    }

    /// <summary>The value of the first "name<tab>: value" line (the first CPU's).</summary>
    private static string? Field(string cpuinfo, string name)
    {
        foreach (string line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].TrimEnd() == name)
                return line[(colon + 1)..].Trim();
        }
        return null;
    }
}
