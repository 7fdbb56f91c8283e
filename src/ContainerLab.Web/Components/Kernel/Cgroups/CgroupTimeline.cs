using System.Text;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Cgroups;

/// <summary>An event drawn on a timeline: a band from <see cref="X"/> over <see cref="Width"/>, its flag at <see cref="FlagX"/>.</summary>
public sealed record TimelineMarker(CgroupEvent Event, double X, double Width, double FlagX, string Label, string Explanation);

/// <summary>
/// One resource over the last minute: its polyline in plot coordinates (0,0 top left of the plot; the value axis from
/// 0 at the bottom to <see cref="Top"/> at the top, the time axis from −60 s at the left to the latest reading at the right)
/// and the events that happened to it. <see cref="Y"/> is where its row starts in the timelines picture.
/// </summary>
public sealed record CgroupTimeline(string Resource, string Title, double Y, string Points, string Top, string Now,
    IReadOnlyList<TimelineMarker> Markers, string Summary)
{
    public const double Width = 420, AxisWidth = 54, PlotX = AxisWidth + 4, PlotWidth = Width - PlotX - 4;
    public const double TitleHeight = 16, PlotHeight = 40, TimeHeight = 14, RowGap = 8;
    public const double RowHeight = TitleHeight + PlotHeight + TimeHeight + RowGap;
    /// <summary>The flag's radius: the flag stays whole inside the plot at either end.</summary>
    public const double Flag = 6;
    /// <summary>The narrowest band: an OOM kill happens at one reading, and still must be seen.</summary>
    public const double BandMin = 2;

    /// <summary>Memory, pids and CPU use over the window, with their events, for the timelines picture.</summary>
    public static IReadOnlyList<CgroupTimeline> All(CgroupHistory history, InspectedCgroupDto cgroup, string node)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(cgroup);
        var samples = history.Samples;
        var memory = new List<(DateTimeOffset, double)>(samples.Count);
        var pids = new List<(DateTimeOffset, double)>(samples.Count);
        var cpu = new List<(DateTimeOffset, double)>(samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].MemoryBytes is long m)
                memory.Add((samples[i].At, m));
            if (samples[i].Pids is long p)
                pids.Add((samples[i].At, p));
            if (i > 0 && CgroupHistory.CoresBetween(samples[i - 1], samples[i]) is double c)
                cpu.Add((samples[i].At, c)); // the rate over the interval ending at this reading
        }
        var now = history.Now ?? DateTimeOffset.UnixEpoch;
        var files = cgroup.FileNames ?? CgroupFileNamesDto.V2;
        double memoryTop = Math.Max(1, cgroup.MemoryLimitBytes ?? Max(memory));
        double pidsTop = Math.Max(1, cgroup.PidsLimit ?? Max(pids));
        double cpuTop = cgroup.CpuLimitCores is double limit && limit > 0 ? limit : Math.Max(1, Math.Ceiling(Max(cpu)));
        return
        [
            Row(0, "memory", cgroup.MemoryLimitBytes is long ml ? $"memory · limit {KernelText.Bytes(ml)}" : "memory · no limit",
                memory, memoryTop, KernelText.Bytes((long)memoryTop), v => KernelText.Bytes((long)v), now, history, node, files),
            Row(1, "pids", cgroup.PidsLimit is long pl ? $"pids · limit {KernelText.Number(pl)}" : "pids · no limit",
                pids, pidsTop, KernelText.Number((long)pidsTop), v => KernelText.Number((long)v), now, history, node, files),
            Row(2, "cpu", cgroup.CpuLimitCores is double cl ? $"CPU · limit {KernelText.Decimal(cl)} CPU" : "CPU · no limit",
                cpu, cpuTop, $"{KernelText.Decimal(cpuTop)} CPU", v => $"{KernelText.Decimal(v)} CPU", now, history, node, files),
        ];
    }

    /// <summary>The x of a moment in the plot: −60 s at 0, <paramref name="now"/> at <see cref="PlotWidth"/>.</summary>
    public static double X(DateTimeOffset at, DateTimeOffset now) =>
        PlotWidth * Math.Clamp(1 - (now - at) / CgroupHistory.Window, 0, 1);

    private static CgroupTimeline Row(int index, string resource, string title, List<(DateTimeOffset At, double Value)> readings, double top,
        string topText, Func<double, string> format, DateTimeOffset now, CgroupHistory history, string node, CgroupFileNamesDto files)
    {
        var points = new StringBuilder();
        foreach (var (at, value) in readings)
        {
            double y = PlotHeight - PlotHeight * Math.Clamp(value / top, 0, 1);
            points.Append(KernelSvg.Number(X(at, now))).Append(',').Append(KernelSvg.Number(y)).Append(' ');
        }
        var markers = new List<TimelineMarker>();
        foreach (var e in history.Events)
        {
            if (e.Resource != resource)
                continue;
            // A moment is a band of BandMin, kept whole inside the plot even at "now".
            double width = Math.Max(X(e.End, now) - X(e.Start, now), BandMin), x = Math.Min(X(e.Start, now), PlotWidth - width);
            markers.Add(new TimelineMarker(e, x, width, Math.Clamp(x + width / 2, Flag, PlotWidth - Flag), $"{e.Name} {e.When}", e.Explain(node, files)));
        }
        string summary = readings.Count == 0
            ? $"{resource}: no readings yet"
            : $"{resource} over the last minute, 0 to {topText}: {format(readings[^1].Value)} now"
              + (markers.Count > 0 ? $"; {string.Join("; ", markers.Select(m => m.Label))}" : "");
        return new CgroupTimeline(resource, title, index * RowHeight, readings.Count >= 2 ? points.ToString().TrimEnd() : "", topText,
            readings.Count > 0 ? format(readings[^1].Value) : "n/a", markers, summary);
    }

    private static double Max(List<(DateTimeOffset At, double Value)> readings)
    {
        double max = 0;
        foreach (var r in readings)
            max = Math.Max(max, r.Value);
        return max;
    }
}
