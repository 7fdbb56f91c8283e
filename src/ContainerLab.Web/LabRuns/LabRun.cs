using ContainerLab.Web.Progress;
using ContainerLab.Web.Sandboxes;
using ContainerLab.Labs.Checks;
using ContainerLab.Labs.Format;
using ContainerLab.Labs.Markdown;
using ContainerLab.Web.Sessions;

namespace ContainerLab.Web.LabRuns;

/// <summary>What one answer of a quiz said: whether it was chosen, whether it is right, and its explanation.</summary>
public sealed record QuizFeedback(int Answer, bool Chosen, bool Correct, string Explanation);

/// <summary>
/// A student's way through a lab, without rendering: which steps passed (events in <see cref="ProgressLog"/>), which
/// are unlocked, the step shown, its setup (once per session), Check, the quiz, moving on. Errors become a message.
/// </summary>
public sealed class LabRun(Lab lab, StudentSession session, ProgressLog progress, ILabNodes nodes, TimeProvider time, SandboxHostErrors errors)
{
    private readonly HashSet<string> _passed = new(StringComparer.Ordinal);
    private readonly CheckRunner _checks = new(nodes);
    private readonly StepScripts _scripts = new(nodes);

    public Lab Lab => lab;
    public LabStep Current { get; private set; } = lab.Steps[0];
    public IReadOnlyList<CheckResult>? Results { get; private set; }
    public IReadOnlyList<QuizFeedback>? Feedback { get; private set; }
    public string? Message { get; private set; }
    /// <summary>A student's action is waiting or running (the guide disables its buttons); background checks do not count.</summary>
    public bool Busy => _studentActions > 0;

    // One action at a time: a student's waits for its turn (a click is never dropped: a background check that happened
    // to run when it came made it vanish, seen in CI as a step button that did nothing); a background check skips its
    // round when a turn is taken.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _studentActions;

    private string Learner => session.Learner ?? session.Token;

    public bool IsPassed(LabStep step) => _passed.Contains(step.Id);
    public bool IsPassed() => IsPassed(Current);
    public int PassedCount => lab.Steps.Count(IsPassed);

    /// <summary>Unlocked: every step it needs passed and, in a sequential lab, the step before it too.</summary>
    public bool IsUnlocked(LabStep step)
    {
        int index = IndexOf(step);
        return step.Needs.All(_passed.Contains) && (!lab.Sequential || index == 0 || IsPassed(lab.Steps[index - 1]));
    }

    public LabStep? Next => IndexOf(Current) + 1 < lab.Steps.Count ? lab.Steps[IndexOf(Current) + 1] : null;

    /// <summary>The step's text as HTML (escaped, see <see cref="LabMarkdown"/>).</summary>
    public string Html(LabStep step) => LabMarkdown.ToHtml(LabFiles.Read(lab.Directory, step.TextFile));

    /// <summary>The step's solution script, for a student who asks to see it (null when the step has none).</summary>
    public string? Solution(LabStep step) => step.SolutionFile is { } file ? LabFiles.Read(lab.Directory, file).TrimEnd() : null;

    /// <summary>Reads the learner's progress and opens the first unlocked step not passed yet (the last step when all passed).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _passed.UnionWith(await progress.PassedAsync(Learner, lab.Id, cancellationToken));
        var open = lab.Steps.FirstOrDefault(s => !IsPassed(s) && IsUnlocked(s)) ?? lab.Steps[^1];
        await OpenAsync(open, cancellationToken);
    }

    public Task SelectAsync(string stepId, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        if (lab.Step(stepId) is not { } step)
            throw new LabRunException($"this lab has no step '{stepId}'");
        if (!IsUnlocked(step))
            throw new LabRunException($"'{step.Title}' opens once the steps before it pass");
        await OpenAsync(step, cancellationToken);
    });

    /// <summary>Runs the step's checks; all passing marks it passed. Quiet: a background check, which says nothing when it
    /// fails and does not run while a student's action waits or runs.</summary>
    public Task CheckAsync(bool quiet, CancellationToken cancellationToken) => RunAsync(background: quiet, async () =>
    {
        var step = Current;
        if (step.Checks.Count == 0)
            return;
        var results = await _checks.RunAsync(lab, step, cancellationToken);
        if (step != Current)
            return; // the student moved on meanwhile
        if (!quiet) // the student's Check: recorded before its result is shown (a background check records only a pass)
            await progress.RecordCheckAsync(Learner, lab.Id, step.Id, results, cancellationToken);
        if (results.All(r => r.Passed))
            await PartDoneAsync(step, _checksDone, cancellationToken);
        if (!quiet || results.All(r => r.Passed))
            Results = results;
    });

    /// <summary>Answers the current step's quiz; every chosen answer gets its explanation, the right ones too.</summary>
    public Task AnswerAsync(IReadOnlyCollection<int> chosen, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        if (Current.Quiz is not { } quiz)
            return;
        if (chosen.Count == 0)
            throw new LabRunException("choose an answer first");
        if (!quiz.Multiple && chosen.Count > 1)
            throw new LabRunException("this question has one answer");
        bool right = quiz.IsRight(chosen);
        await progress.RecordQuizAsync(Learner, lab.Id, Current.Id, chosen, right, cancellationToken);
        Feedback = [.. quiz.Answers.Select((a, i) => new QuizFeedback(i, chosen.Contains(i), a.Correct, a.Explanation))
            .Where(f => f.Chosen || right && f.Correct)];
        if (right)
            await PartDoneAsync(Current, _quizDone, cancellationToken);
    });

    /// <summary>A reading step passes when the student moves on; then the next step opens.</summary>
    public Task ContinueAsync(CancellationToken cancellationToken) => RunAsync(async () =>
    {
        if (Current.IsReading)
            await PassAsync(Current, cancellationToken);
        if (Next is { } next && IsUnlocked(next))
            await OpenAsync(next, cancellationToken);
    });

    // A step with checks and a quiz passes when both are done (in this circuit; a pass is what is stored).
    private readonly HashSet<string> _checksDone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _quizDone = new(StringComparer.Ordinal);

    private async Task PartDoneAsync(LabStep step, HashSet<string> part, CancellationToken cancellationToken)
    {
        part.Add(step.Id);
        bool checksDone = step.Checks.Count == 0 || _checksDone.Contains(step.Id);
        bool quizDone = step.Quiz is null || _quizDone.Contains(step.Id);
        if (checksDone && quizDone)
            await PassAsync(step, cancellationToken);
        else
            Message = checksDone ? "The checks pass; answer the question to finish this step." : "Right; now make the checks pass to finish this step.";
    }

    private async Task PassAsync(LabStep step, CancellationToken cancellationToken)
    {
        if (_passed.Add(step.Id))
            await progress.RecordPassAsync(Learner, lab.Id, step.Id, cancellationToken);
    }

    /// <summary>A node was reset to the lab's start: the step shown is set up again on it (its setup runs once more).</summary>
    public Task RestartStepAsync(CancellationToken cancellationToken) => RunAsync(() => OpenAsync(Current, cancellationToken));

    private async Task OpenAsync(LabStep step, CancellationToken cancellationToken)
    {
        Current = step;
        Results = null;
        Feedback = null;
        if (step.SetupFile is not null && session.FirstSetUp(step.Id)
            && await _scripts.SetUpAsync(lab, step, cancellationToken) is { ExitCode: not 0 } result)
            Message = $"preparing this step failed (exit {result.ExitCode}); the checks may not work: {result.Output.Trim()}";
    }

    private int IndexOf(LabStep step) => lab.Steps.ToList().FindIndex(s => s.Id == step.Id);

    private Task RunAsync(Func<Task> action) => RunAsync(background: false, action);

    private async Task RunAsync(bool background, Func<Task> action)
    {
        if (background)
        {
            if (Busy || !_turn.Wait(0))
                return;
        }
        else
        {
            _studentActions++;
            await _turn.WaitAsync();
            Message = null;
        }
        try
        {
            await action();
            session.Touch(time.GetUtcNow());
        }
        catch (LabRunException e)
        {
            Message = e.Message;
        }
        catch (Exception e) when (SandboxHostFailure.Is(e))
        {
            var failure = errors.Report($"run lab {lab.Id} in session {session.Network}", e);
            Message = failure.HostAnswered ? $"the sandbox host refused: {failure.Reason}" : $"{SandboxHostFailure.NoAnswer}.";
        }
        catch (InvalidOperationException e)
        {
            Message = e.Message;
        }
        finally
        {
            if (!background)
                _studentActions--;
            _turn.Release();
        }
    }
}

/// <summary>A student's action that cannot be done (a locked step, no answer chosen): shown as the message.</summary>
public sealed class LabRunException(string message) : Exception(message);
