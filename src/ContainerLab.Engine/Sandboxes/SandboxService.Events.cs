using ContainerLab.Engine.Inspection.Watching;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    private SandboxChangeStream? _changes;
    private readonly Lock _changesLock = new();

    /// <summary>The change stream; started by the first subscription, so an engine nobody watches runs no loop.</summary>
    public SandboxChangeStream Changes
    {
        get
        {
            lock (_changesLock)
                return _changes ??= new SandboxChangeStream(OpenWatcher);
        }
    }

    /// <summary>What the change stream has cost so far; <see cref="ChangeStreamStatistics.None"/> before anyone subscribed.</summary>
    public ChangeStreamStatistics ChangeStreamStatistics
    {
        get
        {
            lock (_changesLock)
                return _changes?.Statistics ?? ChangeStreamStatistics.None;
        }
    }

    private SandboxWatcher OpenWatcher(string id)
    {
        var sandbox = Find(id);
        return new SandboxWatcher(sandbox, Cgroups.Open(sandbox.CgroupPath), SandboxChangeStream.TicksPerUsage);
    }

    /// <summary>
    /// What changes in the sandbox from now on (processes, namespaces, files of the writable layer, OOM kills, limits,
    /// usage every second), until it is removed or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public IAsyncEnumerable<SandboxEvent> SubscribeAsync(string idOrName, CancellationToken cancellationToken = default) =>
        Changes.SubscribeAsync(Find(idOrName).Id, cancellationToken);
}
