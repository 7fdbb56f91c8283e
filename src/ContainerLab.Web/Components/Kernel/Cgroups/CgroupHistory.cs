using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>One reading of the cgroup, as the change stream's events carry it.</summary>
public readonly record struct CgroupSample(DateTimeOffset At, long? MemoryBytes, long? CpuNanoseconds, long ThrottledPeriods, long OomKills,
    long? Pids, long PidsLimitHits);

/// <summary>
/// The last minute of a sandbox's cgroup, from the usage the daemon pushes: the readings for the sparklines, CPU as the
/// cores used between two readings (cpu.stat usage_usec is a running total), and the events — a counter of memory.events,
/// pids.events or cpu.stat that rose between two readings. The counters only ever grow while the cgroup lives, so a
/// rise is something the kernel did in that interval; the first reading is only a baseline.
/// </summary>
public sealed class CgroupHistory
{
    /// <summary>How far back the timelines reach.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    /// <summary>A bound on the readings kept, whatever the daemon's pace (one a second today).</summary>
    public const int Capacity = 240;
    /// <summary>A bound on the events kept (the window drops older ones first).</summary>
    public const int EventCapacity = 32;

    private readonly List<CgroupSample> _samples = [];
    private readonly List<CgroupEvent> _events = [];

    public IReadOnlyList<CgroupSample> Samples => _samples;
    /// <summary>Oldest first; those that ended before the window are gone.</summary>
    public IReadOnlyList<CgroupEvent> Events => _events;
    public DateTimeOffset? LastOomAt { get; private set; }
    /// <summary>The latest reading's time: "now" on the timelines.</summary>
    public DateTimeOffset? Now => _samples.Count > 0 ? _samples[^1].At : null;

    /// <summary>Adds a reading; one older than the latest (events can arrive out of order across a reconnect) is ignored.</summary>
    public void Add(DateTimeOffset at, InspectedCgroupDto cgroup)
    {
        ArgumentNullException.ThrowIfNull(cgroup);
        if (_samples.Count > 0 && at <= _samples[^1].At)
            return;
        if (_samples.Count > 0)
        {
            var before = _samples[^1];
            if (cgroup.OomKills > before.OomKills)
                LastOomAt = at;
            Record(CgroupEventKind.OomKill, before, at, cgroup.OomKills - before.OomKills,
                cgroup.MemoryLimitBytes is long memory ? KernelText.Bytes(memory) : "no limit");
            Record(CgroupEventKind.ForkRefused, before, at, cgroup.PidsLimitHits - before.PidsLimitHits,
                cgroup.PidsLimit is long pids ? KernelText.Number(pids) : "no limit");
            Record(CgroupEventKind.Throttled, before, at, cgroup.ThrottledPeriods - before.ThrottledPeriods,
                cgroup.CpuLimitCores is double cores ? $"{KernelText.Decimal(cores)} CPU" : "no limit");
        }
        _samples.Add(new CgroupSample(at, cgroup.MemoryUsageBytes, cgroup.CpuUsageNanoseconds, cgroup.ThrottledPeriods, cgroup.OomKills,
            cgroup.PidsCurrent, cgroup.PidsLimitHits));
        // Strictly inside the window: a minute of one-a-second readings is 60 of them.
        int old = _samples.FindIndex(s => s.At > at - Window);
        _samples.RemoveRange(0, Math.Max(old, _samples.Count - Capacity));
        _events.RemoveAll(e => e.End <= at - Window);
        if (_events.Count > EventCapacity)
            _events.RemoveRange(0, _events.Count - EventCapacity);
    }

    /// <summary>A counter's rise: extends the same kind's event when it also rose in the interval before, else starts one.</summary>
    private void Record(CgroupEventKind kind, CgroupSample before, DateTimeOffset at, long rise, string limit)
    {
        if (rise <= 0)
            return; // a counter that went down means a new cgroup (the sandbox was recreated), not an event
        int last = _events.FindLastIndex(e => e.Kind == kind);
        // A single OOM kill is a moment; a run of throttled or refused intervals is one stretch.
        if (kind != CgroupEventKind.OomKill && last >= 0 && _events[last].End == before.At)
            _events[last] = _events[last] with { End = at, Count = _events[last].Count + rise, Limit = limit };
        else
            _events.Add(new CgroupEvent(kind, at, at, rise, limit));
    }

    /// <summary>CPU used between the last two readings, in cores (1.0 = one CPU busy all the time); null before two.</summary>
    public double? CpuCores => _samples.Count >= 2 ? CoresBetween(_samples[^2], _samples[^1]) : null;

    /// <summary>CFS periods in which the sandbox was throttled between the last two readings.</summary>
    public long ThrottledLately => _samples.Count >= 2 ? Math.Max(0, _samples[^1].ThrottledPeriods - _samples[^2].ThrottledPeriods) : 0;

    /// <summary>True while the latest reading is within <paramref name="window"/> of the last OOM kill.</summary>
    public bool OomKilledWithin(TimeSpan window) =>
        LastOomAt is { } oom && _samples.Count > 0 && _samples[^1].At - oom <= window;

    /// <summary>The cores used between two readings; null when either lacks the CPU total or the total went down.</summary>
    public static double? CoresBetween(CgroupSample before, CgroupSample now) =>
        before.CpuNanoseconds is long a && now.CpuNanoseconds is long b && now.At > before.At && b >= a
            ? (b - a) / ((now.At - before.At).TotalMilliseconds * 1_000_000)
            : null;
}
