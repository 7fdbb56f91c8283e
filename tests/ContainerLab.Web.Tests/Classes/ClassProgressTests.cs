using ContainerLab.Labs.Format;
using ContainerLab.Web.Classes;
using ContainerLab.Web.Progress;
using ContainerLab.Web.Tests.Fakes;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>The grid's fold of progress events: states, attempts, times, and nothing of other learners or labs.</summary>
public sealed class ClassProgressTests : IDisposable
{
    private readonly TestLabs _labs = new();

    public ClassProgressTests() => _labs.Write("test-lab", Labs.LabRunTests.Manifest, Labs.LabRunTests.Files);

    public void Dispose() => _labs.Dispose();

    private static ProgressEvent Event(string learner, string step, ProgressEventKind kind, bool passed, long at, string lab = "test-lab") =>
        new() { Learner = learner, Lab = lab, Step = step, Kind = kind, Passed = passed, AtUnixMs = at };

    [Fact]
    public void Attempts_states_and_times_come_from_the_events_and_strangers_are_left_out()
    {
        var classroom = new Classroom
        {
            Name = "3b", OwnerId = "teacher", JoinCode = "ABCDEFGH", Labs = ["test-lab"],
            Members = [new ClassMember { AccountId = "ada", DisplayName = "Ada" }, new ClassMember { AccountId = "bo", DisplayName = "Bo" }],
        };
        Lab[] labs = [_labs.Library.Find("test-lab")!];
        var progress = new ClassProgress(classroom, labs,
        [
            Event("ada", "read", ProgressEventKind.Passed, true, 1_000),
            Event("ada", "make", ProgressEventKind.Check, false, 2_000),
            Event("ada", "make", ProgressEventKind.Check, true, 62_000),
            Event("ada", "make", ProgressEventKind.Passed, true, 62_000),
            Event("bo", "make", ProgressEventKind.Check, false, 5_000),
            Event("stranger", "make", ProgressEventKind.Passed, true, 5_000),
            Event("ada", "other", ProgressEventKind.Passed, true, 5_000, lab: "another-lab"),
        ]);

        Assert.Equal(["read", "make", "why"], progress.Steps.Select(s => s.Step));
        var make = progress.Steps[1];
        Assert.Equal(new StepCell(StepState.Passed, 2, 2_000, 62_000, null), progress.Cell("ada", make));
        Assert.Equal(TimeSpan.FromMinutes(1), progress.Cell("ada", make).TimeOnStep(999_999));
        Assert.Equal((StepState.Working, 1), (progress.Cell("bo", make).State, progress.Cell("bo", make).Attempts));
        Assert.Equal(StepCell.Empty, progress.Cell("bo", progress.Steps[0]));
        Assert.Equal(2, progress.PassedCount("ada"));
        Assert.Equal(62_000, progress.LastSeenUnixMs("ada"));
        Assert.Null(progress.LastSeenUnixMs("nobody"));

        Assert.False(progress.Apply(Event("stranger", "why", ProgressEventKind.Quiz, true, 70_000)));
        Assert.True(progress.Apply(Event("bo", "why", ProgressEventKind.Quiz, false, 70_000)));
        Assert.Equal(StepState.Working, progress.Cell("bo", progress.Steps[2]).State);
    }
}
