namespace ContainerLab.Web.Terminals;

/// <summary>Where a session's help stands: nobody asked, an instructor asked, or the student let them type.</summary>
public enum HelpState { None, Asked, Granted }

/// <summary>Who watches a session's terminals and who, with the student's consent, may type in them.</summary>
/// <param name="Helper">The name of the instructor who asked or may type; <paramref name="HelperId"/> their account.</param>
public sealed record WatchState(IReadOnlyList<string> Watchers, HelpState Help, string? Helper, string? HelperId)
{
    public static readonly WatchState Nobody = new([], HelpState.None, null, null);
}

/// <summary>
/// The instructors watching a student's session (the student's page says so while one does) and the help the student
/// consented to. Consent belongs to the instructor who asked and lasts while they watch: once their last watch ends,
/// or the student stops it, their typing is refused again. Kept in memory, like the sessions it is about.
/// </summary>
public sealed class TerminalWatch
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _bySession = new(StringComparer.Ordinal);
    private long _nextWatcher;

    /// <summary>A session's state changed (its token): the student's page and the instructor's view redraw.</summary>
    public event Action<string>? Changed;

    /// <summary>Records a watch of <paramref name="session"/> by an instructor until the result is disposed.</summary>
    public IDisposable Begin(string session, string instructorId, string instructorName)
    {
        long id;
        lock (_gate)
        {
            id = ++_nextWatcher;
            EntryOf(session).Watchers.Add(new Watcher(id, instructorId, instructorName));
        }
        Changed?.Invoke(session);
        return new Ending(() => End(session, id));
    }

    public WatchState StateOf(string session)
    {
        lock (_gate)
        {
            if (!_bySession.TryGetValue(session, out var entry))
                return WatchState.Nobody;
            return new WatchState([.. entry.Watchers.Select(w => w.Name).Distinct(StringComparer.Ordinal)], entry.Help, entry.HelperName, entry.HelperId);
        }
    }

    /// <summary>An instructor who watches asks to type; the student's page shows the question.</summary>
    public void Ask(string session, string instructorId, string instructorName)
    {
        lock (_gate)
        {
            if (!_bySession.TryGetValue(session, out var entry) || entry.Watchers.All(w => w.InstructorId != instructorId))
                throw new InvalidOperationException("watch the student's terminal first: help is typing into what you see");
            if (entry.Help == HelpState.Granted && entry.HelperId == instructorId)
                return;
            (entry.Help, entry.HelperId, entry.HelperName) = (HelpState.Asked, instructorId, instructorName);
        }
        Changed?.Invoke(session);
    }

    /// <summary>The student's answer to the question on their page; false when there was none (it was withdrawn).</summary>
    public bool Answer(string session, bool allow)
    {
        lock (_gate)
        {
            if (!_bySession.TryGetValue(session, out var entry) || entry.Help != HelpState.Asked)
                return false;
            if (allow)
                entry.Help = HelpState.Granted;
            else
                Forget(entry);
        }
        Changed?.Invoke(session);
        return true;
    }

    /// <summary>The student stops the help (or the instructor does): typing is refused again, watching goes on.</summary>
    public void Stop(string session)
    {
        lock (_gate)
        {
            if (!_bySession.TryGetValue(session, out var entry) || entry.Help == HelpState.None)
                return;
            Forget(entry);
        }
        Changed?.Invoke(session);
    }

    /// <summary>Whether <paramref name="instructorId"/> may type in the session's terminals now.</summary>
    public bool MayType(string session, string instructorId)
    {
        lock (_gate)
            return _bySession.TryGetValue(session, out var entry) && entry.Help == HelpState.Granted && entry.HelperId == instructorId
                && entry.Watchers.Any(w => w.InstructorId == instructorId);
    }

    private void End(string session, long id)
    {
        lock (_gate)
        {
            if (!_bySession.TryGetValue(session, out var entry))
                return;
            entry.Watchers.RemoveAll(w => w.Id == id);
            // The helper's last watch ended: so did the help (consent was for someone looking at the screen).
            if (entry.HelperId is { } helper && entry.Watchers.All(w => w.InstructorId != helper))
                Forget(entry);
            if (entry.Watchers.Count == 0)
                _bySession.Remove(session);
        }
        Changed?.Invoke(session);
    }

    private Entry EntryOf(string session)
    {
        if (!_bySession.TryGetValue(session, out var entry))
            _bySession[session] = entry = new Entry();
        return entry;
    }

    private static void Forget(Entry entry) => (entry.Help, entry.HelperId, entry.HelperName) = (HelpState.None, null, null);

    private sealed record Watcher(long Id, string InstructorId, string Name);

    private sealed class Entry
    {
        public List<Watcher> Watchers { get; } = [];
        public HelpState Help { get; set; }
        public string? HelperId { get; set; }
        public string? HelperName { get; set; }
    }

    private sealed class Ending(Action end) : IDisposable
    {
        private Action? _end = end;
        public void Dispose() => Interlocked.Exchange(ref _end, null)?.Invoke();
    }
}
