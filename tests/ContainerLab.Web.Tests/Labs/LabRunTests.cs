using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Labs.Checks;
using ContainerLab.Web.Catalogue;
using ContainerLab.Web.LabRuns;
using ContainerLab.Web.Tests.Fakes;

namespace ContainerLab.Web.Tests.Labs;

/// <summary>A student's way through a lab over the fake host and a real SQLite file: locks, checks, quiz, setup, progress kept.</summary>
public sealed class LabRunTests : IDisposable
{
    public const string Manifest = """
        schema: 1
        title: Test lab
        nodes:
          node1: { image: busybox }
        steps:
          - id: read
            title: Read
            text: read.md
          - id: make
            title: Make a file
            text: make.md
            setup: setup.sh
            solution: solve.sh
            checks:
              - run: test -f /root/made
                message: make /root/made
          - id: why
            title: Why
            text: why.md
            quiz:
              question: Which?
              answers:
                - { text: Wrong, explanation: Not this one. }
                - { text: Right, correct: true, explanation: This one. }
        """;

    public static readonly (string, string)[] Files =
    [
        ("read.md", "# Read\n\n```sh run\nuname -r\n```\n"), ("make.md", "Make it."), ("setup.sh", "mkdir -p /root"),
        ("solve.sh", "touch /root/made"), ("why.md", "Why?"),
    ];

    private readonly TestSessions _sessions = new();
    private readonly TestLabs _labs = new();

    public LabRunTests() => _labs.Write("test-lab", Manifest, Files);

    public void Dispose() => _labs.Dispose();

    private const string Learner = "0123456789abcdef0123456789abcdef";

    private async Task<LabRun> StartAsync(string learner = Learner)
    {
        var lab = _labs.Library.Find("test-lab")!;
        var session = await _sessions.Registry.StartAsync(lab, learner, CancellationToken.None);
        var run = new LabRun(lab, session, _labs.Progress, new SessionLabNodes(_sessions.Host, session), _sessions.Time, _sessions.Errors);
        await run.LoadAsync(CancellationToken.None);
        return run;
    }

    [Fact]
    public async Task A_lab_session_has_the_labs_nodes_and_opens_on_the_first_step_with_the_rest_locked()
    {
        var run = await StartAsync();

        Assert.Equal("node1", Assert.Single(_sessions.Host.Created).Name);
        Assert.Equal("read", run.Current.Id);
        Assert.False(run.IsUnlocked(run.Lab.Steps[1]));
        Assert.Contains("data-action=\"run\"", run.Html(run.Current));

        await run.SelectAsync("why", CancellationToken.None);
        Assert.Equal("read", run.Current.Id);
        Assert.Contains("opens once the steps before it pass", run.Message);
    }

    [Fact]
    public async Task Check_fails_with_the_checks_message_then_passes_and_the_next_step_unlocks()
    {
        var run = await StartAsync();
        await run.ContinueAsync(CancellationToken.None);
        Assert.Equal("make", run.Current.Id);
        Assert.Contains(_sessions.Host.Ran, r => r.Script == "mkdir -p /root"); // the setup ran before the step showed

        _sessions.Host.Runs = _ => new ProcessOutput(1, "", "", false);
        await run.CheckAsync(quiet: false, CancellationToken.None);
        Assert.Equal("make /root/made", Assert.Single(run.Results!).Message);
        Assert.False(run.IsPassed());
        Assert.False(run.IsUnlocked(run.Lab.Steps[2]));

        _sessions.Host.Runs = _ => new ProcessOutput(0, "", "", false);
        await run.CheckAsync(quiet: false, CancellationToken.None);
        Assert.True(run.IsPassed());
        Assert.True(run.IsUnlocked(run.Lab.Steps[2]));
    }

    [Fact]
    public async Task A_click_while_a_background_check_runs_waits_for_it_and_is_never_dropped()
    {
        var run = await StartAsync();
        await run.ContinueAsync(CancellationToken.None);
        Assert.Equal("make", run.Current.Id);
        _sessions.Host.Runs = _ => new ProcessOutput(1, "", "", false);

        _sessions.Host.Gate = new TaskCompletionSource();
        var background = run.CheckAsync(quiet: true, CancellationToken.None); // held in the sandbox host
        Assert.False(run.Busy); // a background check disables no button
        var click = run.SelectAsync("read", CancellationToken.None);
        Assert.True(run.Busy);
        var skipped = run.CheckAsync(quiet: true, CancellationToken.None); // the next round gives way to the student
        Assert.True(skipped.IsCompleted);
        Assert.False(click.IsCompleted);

        _sessions.Host.Gate.SetResult();
        await Task.WhenAll(background, click).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("read", run.Current.Id); // before, the click returned at once and did nothing
        Assert.False(run.Busy);
        Assert.Null(run.Results); // the background check failed quietly
        Assert.Equal(1, _sessions.Host.Ran.Count(r => r.Script == "test -f /root/made"));
    }

    [Fact]
    public async Task Setup_and_check_run_with_the_labs_library_s_bounds_the_web_only_forwards()
    {
        var run = await StartAsync();
        await run.ContinueAsync(CancellationToken.None);
        await run.CheckAsync(quiet: false, CancellationToken.None);

        var setup = Assert.Single(_sessions.Host.Ran, r => r.Script == "mkdir -p /root");
        var check = Assert.Single(_sessions.Host.Ran, r => r.Script == "test -f /root/made");
        Assert.Equal((ScriptLimits.Step, ScriptLimits.OutputBytes), (setup.Timeout, setup.MaxOutputBytes));
        Assert.Equal((ScriptLimits.Check, ScriptLimits.OutputBytes), (check.Timeout, check.MaxOutputBytes));
    }

    [Fact]
    public async Task A_wrong_answer_explains_itself_and_passes_nothing_a_right_one_passes()
    {
        var run = await StartAsync();
        await run.ContinueAsync(CancellationToken.None);
        await run.CheckAsync(quiet: false, CancellationToken.None);
        await run.ContinueAsync(CancellationToken.None);
        Assert.Equal("why", run.Current.Id);

        await run.AnswerAsync([0], CancellationToken.None);
        var wrong = Assert.Single(run.Feedback!);
        Assert.Equal((0, true, false, "Not this one."), (wrong.Answer, wrong.Chosen, wrong.Correct, wrong.Explanation));
        Assert.False(run.IsPassed());

        await run.AnswerAsync([1], CancellationToken.None);
        Assert.True(run.IsPassed());
        Assert.Equal(3, run.PassedCount);
    }

    [Fact]
    public async Task Progress_is_kept_for_the_learner_across_sessions_and_store_instances()
    {
        var first = await StartAsync();
        await first.ContinueAsync(CancellationToken.None);
        await first.CheckAsync(quiet: false, CancellationToken.None);

        var again = await StartAsync();
        Assert.Equal("why", again.Current.Id);
        Assert.Equal(2, again.PassedCount);

        var someoneElse = await StartAsync("fedcba9876543210fedcba9876543210");
        Assert.Equal("read", someoneElse.Current.Id);
        var reopened = new ContainerLab.Web.Progress.ProgressLog(new ContainerLab.Web.Database.ClassroomDbFactory(_labs.Database.Provider, _labs.Database.ConnectionString), TimeProvider.System);
        Assert.Equal(2, (await reopened.PassedAsync(Learner, "test-lab", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Each_check_and_answer_is_an_event_written_before_the_page_shows_its_result()
    {
        var run = await StartAsync();
        await run.ContinueAsync(CancellationToken.None);
        _sessions.Host.Runs = _ => new ProcessOutput(1, "", "", false); // /root/made is missing
        await run.CheckAsync(quiet: false, CancellationToken.None);
        var failed = (await _labs.Progress.EventsAsync(Learner, "test-lab", CancellationToken.None))[^1];
        Assert.NotNull(run.Results);
        Assert.Equal((ContainerLab.Web.Progress.ProgressEventKind.Check, "make", false), (failed.Kind, failed.Step, failed.Passed));
        Assert.Contains("make /root/made", failed.Detail);

        await run.CheckAsync(quiet: true, CancellationToken.None); // a background check that fails records nothing
        Assert.Equal(failed.Id, (await _labs.Progress.EventsAsync(Learner, "test-lab", CancellationToken.None))[^1].Id);

        _sessions.Host.Runs = _ => new ProcessOutput(0, "", "", false);
        await run.CheckAsync(quiet: false, CancellationToken.None);
        await run.ContinueAsync(CancellationToken.None);
        await run.AnswerAsync([0], CancellationToken.None);
        var events = await _labs.Progress.EventsAsync(Learner, "test-lab", CancellationToken.None);
        Assert.Equal(
            ["read Passed True", "make Check False", "make Check True", "make Passed True", "why Quiz False"],
            events.Select(e => $"{e.Step} {e.Kind} {e.Passed}"));
        Assert.Equal("""{"chosen":[0]}""", events[^1].Detail);
        Assert.All(events, e => Assert.InRange(e.At, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task A_host_that_does_not_answer_is_a_failed_check_not_a_crash()
    {
        var run = await StartAsync();
        await run.ContinueAsync(CancellationToken.None);
        _sessions.Host.Failure = new HttpRequestException("connection refused");

        await run.CheckAsync(quiet: false, CancellationToken.None);

        Assert.Contains("could not run", Assert.Single(run.Results!).Message);
        Assert.False(run.IsPassed());
        Assert.False(run.Busy);
    }

    [Fact]
    public async Task A_step_with_checks_and_a_quiz_passes_only_when_both_are_done()
    {
        _labs.Write("both", """
            schema: 1
            title: Both
            steps:
              - id: both
                title: Both
                text: why.md
                solution: solve.sh
                checks:
                  - run: test -f /root/made
                quiz:
                  question: Which?
                  answers:
                    - { text: Wrong, explanation: Not this one. }
                    - { text: Right, correct: true, explanation: This one. }
            """, Files);
        var lab = _labs.Library.Find("both")!;
        var session = await _sessions.Registry.StartAsync(lab, "0123456789abcdef0123456789abcdef", CancellationToken.None);
        var run = new LabRun(lab, session, _labs.Progress, new SessionLabNodes(_sessions.Host, session), _sessions.Time, _sessions.Errors);
        await run.LoadAsync(CancellationToken.None);

        await run.CheckAsync(quiet: false, CancellationToken.None);
        Assert.False(run.IsPassed());
        Assert.Contains("answer the question", run.Message);

        await run.AnswerAsync([1], CancellationToken.None);
        Assert.True(run.IsPassed());
    }
}
