namespace ContainerLab.Engine.Inspection.Watching;

/// <summary>
/// What the change stream's loop has cost since the daemon started, for GET /v1/info and bench/inspect: how many ticks
/// ran, how many sandboxes they read in all (one per watched sandbox per tick), and the wall time spent inside them.
/// </summary>
/// <param name="Watched">Sandboxes with at least one subscriber now.</param>
/// <param name="Ticks">Ticks run (every 250 ms while the loop runs).</param>
/// <param name="SandboxTicks">Sandbox reads in those ticks.</param>
/// <param name="Busy">Wall time spent in ticks (reading /proc, the cgroup and inotify, handing events to subscribers).</param>
/// <param name="BusyCpu">CPU time of the ticking thread in them (user + system): <paramref name="Busy"/> less waiting for a CPU or I/O.
/// Writing the events to each subscriber's HTTP response happens after, on other threads, and is not in here.</param>
public readonly record struct ChangeStreamStatistics(int Watched, long Ticks, long SandboxTicks, TimeSpan Busy, TimeSpan BusyCpu)
{
    /// <summary>A daemon whose change stream never started (nobody subscribed yet).</summary>
    public static ChangeStreamStatistics None => default;
}
