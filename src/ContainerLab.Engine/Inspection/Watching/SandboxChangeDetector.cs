namespace ContainerLab.Engine.Inspection.Watching;

/// <summary>
/// Turns two successive observations of a sandbox into events. Pure: the watcher reads the kernel, this decides what
/// changed, so every rule is unit-tested without a sandbox.
/// </summary>
public static class SandboxChangeDetector
{
    public static IReadOnlyList<SandboxEvent> Compare(
        SandboxObservation? before, SandboxObservation now, DateTimeOffset at, bool usageDue, int maxPaths)
    {
        ArgumentNullException.ThrowIfNull(now);
        var events = new List<SandboxEvent>();
        var cgroup = now.Cgroup;
        if (before is not null && before.State != now.State)
            events.Add(new SandboxEvent(SandboxEventKind.State, at, cgroup, State: now.State));

        if (before is not null)
            AddProcessEvents(before, now, at, cgroup, events);

        if (now.FilesChanged || now.FilesIncomplete && before is { FilesIncomplete: false })
        {
            var paths = now.ChangedPaths.Order(StringComparer.Ordinal).Take(maxPaths).ToArray();
            events.Add(new SandboxEvent(SandboxEventKind.Files, at, cgroup, Paths: paths,
                PathsTruncated: now.ChangedPaths.Count > paths.Length || now.FilesIncomplete));
        }

        int countBefore = events.Count;
        if (before?.Cgroup is { } was && cgroup is not null)
        {
            if (cgroup.OomKills > was.OomKills)
                events.Add(new SandboxEvent(SandboxEventKind.OomKill, at, cgroup));
            if (cgroup.PidsLimitHits > was.PidsLimitHits)
                events.Add(new SandboxEvent(SandboxEventKind.PidsLimitHit, at, cgroup));
            if (cgroup.MemoryLimitBytes != was.MemoryLimitBytes || cgroup.PidsLimit != was.PidsLimit || cgroup.CpuLimitCores != was.CpuLimitCores)
                events.Add(new SandboxEvent(SandboxEventKind.Limits, at, cgroup));
        }
        bool cgroupEvent = events.Count > countBefore;
        if (cgroup is not null && (usageDue || cgroupEvent || before is null))
            events.Add(new SandboxEvent(SandboxEventKind.Usage, at, cgroup));
        return events;
    }

    private static void AddProcessEvents(
        SandboxObservation before, SandboxObservation now, DateTimeOffset at, InspectedCgroup? cgroup, List<SandboxEvent> events)
    {
        var started = now.Processes.Keys.Where(pid => !before.Processes.ContainsKey(pid)).Order().ToArray();
        var exited = before.Processes.Keys.Where(pid => !now.Processes.ContainsKey(pid)).Order().ToArray();
        bool changed = started.Length > 0 || exited.Length > 0
            || now.Processes.Any(p => before.Processes.TryGetValue(p.Key, out var mark) && mark != p.Value);
        if (changed)
            events.Add(new SandboxEvent(SandboxEventKind.Processes, at, cgroup, Started: started, Exited: exited));
        if (!NamespaceSet(before).SetEquals(NamespaceSet(now)))
            events.Add(new SandboxEvent(SandboxEventKind.Namespaces, at, cgroup));
    }

    private static HashSet<string> NamespaceSet(SandboxObservation observation) =>
        [.. observation.Processes.Values.SelectMany(p => p.Namespaces.Split(',', StringSplitOptions.RemoveEmptyEntries))];
}
