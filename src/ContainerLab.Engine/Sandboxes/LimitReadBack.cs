using ContainerLab.Engine.Cgroups;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// Compares the limits a change asked for with those the cgroup files hold afterwards (<see cref="ICgroup.ReadLimits"/>),
/// in the kernel's terms: what `update --resources` with <see cref="Runtime.Oci.OciSpecBuilder.LiveResources"/> should
/// have written.
/// </summary>
internal static class LimitReadBack
{
    /// <summary>One line per limit that differs ("memory: asked 50331648, the kernel holds 67108864"); empty when all agree.</summary>
    /// <param name="pageSize">The kernel keeps memory limits in whole pages and rounds a byte count down to them
    /// (page_counter_memparse in mm/page_counter.c), so 50331649 reads back as 50331648.</param>
    public static IReadOnlyList<string> Differences(SandboxLimits asked, CgroupLimits held, long pageSize)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(held);
        var differences = new List<string>();
        Compare("memory", asked.MemoryBytes / pageSize * pageSize, held.MemoryBytes);
        Compare("pids", asked.Pids, held.Pids);
        Compare("cpu quota (us)", asked.CpuQuotaMicroseconds, held.CpuQuotaMicroseconds);
        Compare("cpu period (us)", SandboxLimits.CpuPeriodMicroseconds, held.CpuPeriodMicroseconds);
        return differences;

        void Compare(string limit, long expected, long? actual)
        {
            if (actual != expected)
                differences.Add($"{limit}: asked {expected}, the kernel holds {(actual is long value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no limit")}");
        }
    }
}
