using System.Collections.Concurrent;

namespace ContainerLab.Web.Terminals;

/// <summary>The relays of every connected browser, by SignalR connection, node and terminal.</summary>
public sealed class TerminalRelays
{
    private readonly ConcurrentDictionary<(string Connection, string Node, string Terminal), TerminalRelay> _relays = new();

    /// <summary>Registers a relay; a previous one for the same terminal on the same connection is returned for disposal.</summary>
    public TerminalRelay? Add(string connection, string node, string terminal, TerminalRelay relay)
    {
        TerminalRelay? previous = null;
        _relays.AddOrUpdate((connection, node, terminal), relay, (_, old) => { previous = old; return relay; });
        return previous;
    }

    public TerminalRelay? Find(string connection, string node, string terminal) =>
        _relays.TryGetValue((connection, node, terminal), out var relay) ? relay : null;

    public void Remove(string connection, string node, string terminal, TerminalRelay relay) =>
        _relays.TryRemove(new KeyValuePair<(string, string, string), TerminalRelay>((connection, node, terminal), relay));

    public IReadOnlyList<TerminalRelay> RemoveConnection(string connection)
    {
        var removed = new List<TerminalRelay>();
        foreach (var key in _relays.Keys.Where(k => k.Connection == connection))
            if (_relays.TryRemove(key, out var relay))
                removed.Add(relay);
        return removed;
    }

    public int Count => _relays.Count;
}
