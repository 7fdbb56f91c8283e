using ContainerLab.Web.Components.Guides;

namespace ContainerLab.Web.Tests.Labs;

public sealed class QuizVerdictTests
{
    [Theory]
    [InlineData(true, "Yes. A pid namespace is a numbering.", "")]
    [InlineData(false, "No: there is one kernel.", "")]
    [InlineData(false, "Not quite: the cgroup counts it.", "")]
    [InlineData(true, "A pid namespace is a numbering.", "Right: ")]
    [InlineData(false, "Not this one.", "Not quite: ")]
    [InlineData(false, "Nobody does that.", "Not quite: ")] // "No" as the start of a word is not a verdict
    public void A_verdict_is_said_once(bool correct, string explanation, string prefix) =>
        Assert.Equal(prefix, LabGuide.Verdict(correct, explanation));
}
