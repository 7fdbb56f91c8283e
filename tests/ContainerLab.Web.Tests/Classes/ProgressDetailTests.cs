using ContainerLab.Web.Progress;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>An event's detail in the instructor's words, and what is certain when the detail cannot be read.</summary>
public sealed class ProgressDetailTests
{
    private static ProgressEvent Event(ProgressEventKind kind, bool passed, string? detail) =>
        new() { Learner = "l", Lab = "lab", Step = "s", Kind = kind, Passed = passed, Detail = detail };

    [Fact]
    public void Checks_and_answers_are_told_with_their_messages_and_choices()
    {
        Assert.Equal("checks failed: passed: a; failed: /root/x does not exist yet",
            ProgressDetail.Describe(Event(ProgressEventKind.Check, false, """[{"passed":true,"message":"a"},{"passed":false,"message":"/root/x does not exist yet"}]""")));
        Assert.Equal("answered #1, #3, wrong", ProgressDetail.Describe(Event(ProgressEventKind.Quiz, false, """{"chosen":[0,2]}""")));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"unexpected":true}""")]
    [InlineData(null)]
    public void A_detail_that_cannot_be_read_still_says_the_verdict(string? detail)
    {
        Assert.Equal("checks passed", ProgressDetail.Describe(Event(ProgressEventKind.Check, true, detail)));
        Assert.Equal("answered wrong", ProgressDetail.Describe(Event(ProgressEventKind.Quiz, false, detail)));
    }
}
