namespace ContainerLab.Engine.Inspection.Watching;

/// <summary>What changed in a sandbox, as a watcher noticed it.</summary>
public enum SandboxEventKind
{
    /// <summary>A process started, exited or exec'd another program (<see cref="SandboxEvent.Started"/>, <see cref="SandboxEvent.Exited"/>).</summary>
    Processes,
    /// <summary>A process entered a namespace none of the sandbox's processes was in, or the last one left one.</summary>
    Namespaces,
    /// <summary>The writable layer changed (<see cref="SandboxEvent.Paths"/>).</summary>
    Files,
    /// <summary>The kernel's OOM killer killed a process of the sandbox's cgroup.</summary>
    OomKill,
    /// <summary>A fork was refused because the cgroup reached pids.max.</summary>
    PidsLimitHit,
    /// <summary>The cgroup's memory, pids or CPU limit changed.</summary>
    Limits,
    /// <summary>The cgroup's usage now: sent every second, and with every cgroup event.</summary>
    Usage,
    /// <summary>The sandbox started or its init exited (<see cref="SandboxEvent.State"/>).</summary>
    State,
    /// <summary>The sandbox was removed: the stream ends.</summary>
    Ended,
}

/// <summary>One change of one sandbox. <see cref="Cgroup"/> comes with every event, as read at that tick.</summary>
/// <param name="Paths">Sandbox paths that changed in the writable layer, at most <see cref="SandboxWatcher.MaxPathsPerEvent"/>.</param>
/// <param name="PathsTruncated">More paths changed than <see cref="Paths"/> holds, or some directory could not be watched.</param>
public sealed record SandboxEvent(
    SandboxEventKind Kind,
    DateTimeOffset At,
    InspectedCgroup? Cgroup = null,
    IReadOnlyList<int>? Started = null,
    IReadOnlyList<int>? Exited = null,
    IReadOnlyList<string>? Paths = null,
    bool PathsTruncated = false,
    Sandboxes.SandboxState? State = null);
