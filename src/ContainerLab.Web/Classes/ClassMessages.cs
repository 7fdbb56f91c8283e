namespace ContainerLab.Web.Classes;

/// <summary>A message from a class's instructor to one student or to all of them.</summary>
public sealed record ClassMessage(long Id, int ClassId, string? ToAccountId, string From, string Text, DateTimeOffset At);

/// <summary>
/// Messages from instructors to their students, pushed to the students' open pages (kept in memory: a message is for
/// now, not a record; the last ones per class are shown to a page opened later). Only an instructor's class page sends,
/// after checking that the class is theirs.
/// </summary>
public sealed class ClassMessages(TimeProvider time)
{
    public const int MaxLength = 500;
    private const int KeptPerClass = 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<ClassMessage>> _byClass = [];
    private long _nextId;

    /// <summary>Raised for every message sent (the students' workspaces listen and keep theirs).</summary>
    public event Action<ClassMessage>? Sent;

    public ClassMessage Send(int classId, string? toAccountId, string from, string text)
    {
        text = text.Trim();
        if (text.Length == 0)
            throw new ArgumentException("write a message first");
        if (text.Length > MaxLength)
            throw new ArgumentException($"a message has at most {MaxLength} characters");
        ClassMessage message;
        lock (_gate)
        {
            message = new ClassMessage(++_nextId, classId, toAccountId, from, text, time.GetUtcNow());
            if (!_byClass.TryGetValue(classId, out var kept))
                _byClass[classId] = kept = [];
            kept.Add(message);
            if (kept.Count > KeptPerClass)
                kept.RemoveAt(0);
        }
        Sent?.Invoke(message);
        return message;
    }

    /// <summary>The recent messages of <paramref name="classIds"/> meant for <paramref name="accountId"/> (to all, or to them).</summary>
    public IReadOnlyList<ClassMessage> For(string accountId, IEnumerable<int> classIds)
    {
        lock (_gate)
            return [.. classIds.SelectMany(id => _byClass.GetValueOrDefault(id) ?? []).Where(m => IsFor(m, accountId)).OrderBy(m => m.Id)];
    }

    public static bool IsFor(ClassMessage message, string accountId) => message.ToAccountId is null || message.ToAccountId == accountId;
}
