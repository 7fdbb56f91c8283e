using System.Globalization;
using System.Text;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>One reading of the cgroup, as the change stream's events carry it.</summary>
public readonly record struct CgroupSample(DateTimeOffset At, long? MemoryBytes, long? CpuNanoseconds, long ThrottledPeriods, long OomKills);

/// <summary>
/// The last minute of a sandbox's cgroup, from the usage the daemon pushes every second: memory for the sparkline,
/// CPU as the cores used between the last two readings (cpuacct.usage / cpu.stat usage_usec are totals), the periods
/// throttled in that interval, and when the OOM killer last struck.
/// </summary>
public sealed class CgroupHistory
{
    public const int Capacity = 60;
    private readonly List<CgroupSample> _samples = [];

    public IReadOnlyList<CgroupSample> Samples => _samples;
    public DateTimeOffset? LastOomAt { get; private set; }

    /// <summary>Adds a reading; one older than the latest (events can arrive out of order across a reconnect) is ignored.</summary>
    public void Add(DateTimeOffset at, InspectedCgroupDto cgroup)
    {
        ArgumentNullException.ThrowIfNull(cgroup);
        if (_samples.Count > 0 && at <= _samples[^1].At)
            return;
        if (_samples.Count > 0 && cgroup.OomKills > _samples[^1].OomKills)
            LastOomAt = at;
        _samples.Add(new CgroupSample(at, cgroup.MemoryUsageBytes, cgroup.CpuUsageNanoseconds, cgroup.ThrottledPeriods, cgroup.OomKills));
        if (_samples.Count > Capacity)
            _samples.RemoveAt(0);
    }

    /// <summary>CPU used between the last two readings, in cores (1.0 = one CPU busy all the time); null before two.</summary>
    public double? CpuCores => Last2() is (var before, var now)
        && before.CpuNanoseconds is long a && now.CpuNanoseconds is long b && now.At > before.At && b >= a
            ? (b - a) / ((now.At - before.At).TotalMilliseconds * 1_000_000)
            : null;

    /// <summary>CFS periods in which the sandbox was throttled between the last two readings.</summary>
    public long ThrottledLately => Last2() is (var before, var now) ? Math.Max(0, now.ThrottledPeriods - before.ThrottledPeriods) : 0;

    /// <summary>True while the latest reading is within <paramref name="window"/> of the last OOM kill.</summary>
    public bool OomKilledWithin(TimeSpan window) =>
        LastOomAt is { } oom && _samples.Count > 0 && _samples[^1].At - oom <= window;

    /// <summary>
    /// SVG polyline points of memory use over the readings, oldest at x = 0, scaled so <paramref name="ceiling"/> (the
    /// limit, or the highest reading when unlimited) is at the top. Empty with fewer than two readings.
    /// </summary>
    public string MemoryPoints(double width, double height, long? ceiling)
    {
        var memory = _samples.Where(s => s.MemoryBytes is not null).ToList();
        if (memory.Count < 2)
            return "";
        double top = Math.Max(1, ceiling ?? memory.Max(s => s.MemoryBytes!.Value));
        var points = new StringBuilder();
        for (int i = 0; i < memory.Count; i++)
        {
            double x = width * i / (Capacity - 1);
            double y = height - height * Math.Clamp(memory[i].MemoryBytes!.Value / top, 0, 1);
            points.Append(CultureInfo.InvariantCulture, $"{KernelSvg.Number(x)},{KernelSvg.Number(y)} ");
        }
        return points.ToString().TrimEnd();
    }

    private (CgroupSample Before, CgroupSample Now)? Last2() => _samples.Count >= 2 ? (_samples[^2], _samples[^1]) : null;
}
