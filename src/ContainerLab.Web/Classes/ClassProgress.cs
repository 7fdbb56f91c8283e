using ContainerLab.Labs.Format;
using ContainerLab.Web.Progress;

namespace ContainerLab.Web.Classes;

/// <summary>Where one student stands on one step.</summary>
public enum StepState
{
    NotStarted,
    /// <summary>Checked or answered at least once, not passed yet.</summary>
    Working,
    Passed,
}

/// <summary>One cell of the grid: a student on a step, folded from their events.</summary>
public sealed record StepCell(StepState State, int Attempts, long? FirstAtUnixMs, long? PassedAtUnixMs, string? LastMessage)
{
    public static readonly StepCell Empty = new(StepState.NotStarted, 0, null, null, null);

    /// <summary>From the first event on the step to its pass (or to <paramref name="nowUnixMs"/> while working).</summary>
    public TimeSpan? TimeOnStep(long nowUnixMs) =>
        FirstAtUnixMs is { } first ? TimeSpan.FromMilliseconds((PassedAtUnixMs ?? nowUnixMs) - first) : null;
}

/// <summary>A column of the grid: a step of one of the class's labs, in the class's order.</summary>
public sealed record ClassStep(string Lab, string LabTitle, string Step, string StepTitle);

/// <summary>
/// A class's progress: the roster against the steps of its labs, folded from progress events. The live grid, the
/// per-student detail and the CSV and JSON exports all read this one fold, so they cannot disagree.
/// </summary>
public sealed class ClassProgress
{
    private readonly Dictionary<(string Learner, string Lab, string Step), StepCell> _cells = [];
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _labs;
    private readonly Dictionary<string, ClassMember> _members;

    public ClassProgress(Classroom classroom, IEnumerable<Lab> labs, IEnumerable<ProgressEvent> events)
    {
        Classroom = classroom;
        var byId = labs.ToDictionary(l => l.Id, StringComparer.Ordinal);
        Steps = [.. classroom.Labs.Where(byId.ContainsKey).SelectMany(id => byId[id].Steps.Select(s => new ClassStep(id, byId[id].Title, s.Id, s.Title)))];
        _labs = [.. classroom.Labs];
        _members = classroom.Members.ToDictionary(m => m.AccountId, StringComparer.Ordinal);
        foreach (var e in events)
            Apply(e);
    }

    public Classroom Classroom { get; }
    public IReadOnlyList<ClassStep> Steps { get; }
    public IReadOnlyList<ClassMember> Roster => Classroom.Members;

    public StepCell Cell(string learner, ClassStep step) => _cells.GetValueOrDefault((learner, step.Lab, step.Step), StepCell.Empty);

    /// <summary>When the student last checked or answered anything in the class's labs (null: never).</summary>
    public long? LastSeenUnixMs(string learner) => _lastSeen.TryGetValue(learner, out long at) ? at : null;

    public int PassedCount(string learner) => Steps.Count(s => Cell(learner, s).State == StepState.Passed);

    /// <summary>Folds one more event in; false when it is not about this class (another learner or lab).</summary>
    public bool Apply(ProgressEvent e)
    {
        if (!_members.ContainsKey(e.Learner) || !_labs.Contains(e.Lab))
            return false;
        var key = (e.Learner, e.Lab, e.Step);
        var cell = _cells.GetValueOrDefault(key, StepCell.Empty);
        cell = e.Kind switch
        {
            ProgressEventKind.Passed => cell with
            {
                State = StepState.Passed, PassedAtUnixMs = cell.PassedAtUnixMs ?? e.AtUnixMs, FirstAtUnixMs = cell.FirstAtUnixMs ?? e.AtUnixMs,
            },
            _ => cell with
            {
                State = cell.State == StepState.Passed ? StepState.Passed : StepState.Working,
                Attempts = cell.Attempts + 1,
                FirstAtUnixMs = cell.FirstAtUnixMs ?? e.AtUnixMs,
                LastMessage = e.Detail,
            },
        };
        _cells[key] = cell;
        _lastSeen[e.Learner] = Math.Max(_lastSeen.GetValueOrDefault(e.Learner), e.AtUnixMs);
        return true;
    }
}
