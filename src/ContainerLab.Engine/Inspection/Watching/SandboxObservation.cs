using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Inspection.Watching;

/// <summary>A process as a watcher compares it between ticks: its program and its namespaces ("pid:4026532...,net:...").</summary>
public readonly record struct ProcessMark(string Command, string Namespaces);

/// <summary>
/// What one watcher tick read of a sandbox: cheap to read (cgroup.procs, the ns links and comm of each process, a
/// dozen cgroup files, the queued inotify events), so it can be read several times a second for every sandbox.
/// </summary>
public sealed record SandboxObservation(
    SandboxState State,
    IReadOnlyDictionary<int, ProcessMark> Processes,
    InspectedCgroup? Cgroup,
    IReadOnlyCollection<string> ChangedPaths,
    bool FilesChanged,
    bool FilesIncomplete);
