namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>
/// Which changes just arrived: each change (path and kind) is stamped with the inspection it first appeared in, and is
/// fresh while later inspections are less than <see cref="FreshFor"/> newer. The clock is the inspections' own
/// TakenAt, so a redraw for another reason neither restarts nor cuts a change's light.
/// </summary>
public sealed class ChangeFreshness
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1.5);

    private readonly Dictionary<(string Path, string Kind), DateTimeOffset> _firstSeen = [];
    private bool _started;

    /// <summary>When the newest fresh change arrived (keys the plate's flash), null when none is fresh.</summary>
    public DateTimeOffset? LatestFresh { get; private set; }

    /// <summary>Takes in the inspection's changes and returns the fresh ones. The first inspection lights nothing: those changes were made before the panel opened.</summary>
    public IReadOnlySet<(string Path, string Kind)> Update(DateTimeOffset takenAt, IEnumerable<(string Path, string Kind)> changes)
    {
        var now = changes.ToHashSet();
        foreach (var gone in _firstSeen.Keys.Where(k => !now.Contains(k)).ToList())
            _firstSeen.Remove(gone); // undone (or changed kind): if it comes back it lights again
        foreach (var change in now)
            _firstSeen.TryAdd(change, _started ? takenAt : DateTimeOffset.MinValue);
        _started = true;
        var fresh = now.Where(c => _firstSeen[c] != DateTimeOffset.MinValue && takenAt - _firstSeen[c] < FreshFor).ToHashSet();
        LatestFresh = fresh.Count == 0 ? null : fresh.Max(c => _firstSeen[c]);
        return fresh;
    }
}
