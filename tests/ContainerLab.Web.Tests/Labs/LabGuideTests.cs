using ContainerLab.Api.Client;
using ContainerLab.Web.Components.Guides;
using ContainerLab.Web.Components.Catalogue;
using ContainerLab.Web.Catalogue;
using ContainerLab.Web.LabRuns;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Labs;

/// <summary>The lab guide drawn from a LabRun over the fake host: step list, locks, Check results, the quiz, the solution.</summary>
public sealed class LabGuideTests : BunitContext
{
    private readonly TestSessions _sessions = new();
    private readonly TestLabs _labs = new();

    public LabGuideTests()
    {
        _labs.Write("test-lab", LabRunTests.Manifest, LabRunTests.Files);
        Services.AddSingleton<TimeProvider>(_sessions.Time);
        JSInterop.SetupModule("./Components/Guides/LabGuide.razor.js").SetupVoid("attach", _ => true).SetVoidResult();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _labs.Dispose();
    }

    private async Task<IRenderedComponent<LabGuide>> RenderGuideAsync()
    {
        var lab = _labs.Library.Find("test-lab")!;
        var session = await _sessions.Registry.StartAsync(lab, "0123456789abcdef0123456789abcdef", CancellationToken.None);
        var run = new LabRun(lab, session, _labs.Progress, new SessionLabNodes(_sessions.Host, session), _sessions.Time, _sessions.Errors);
        await run.LoadAsync(CancellationToken.None);
        return Render<LabGuide>(p => p.Add(x => x.Run, run));
    }

    [Fact]
    public async Task Steps_show_passed_open_and_locked_and_the_text_has_its_run_block()
    {
        var cut = await RenderGuideAsync();

        Assert.Equal(["open current", "locked", "locked"], cut.FindAll(".lab-steps li").Select(li => li.ClassName));
        Assert.True(cut.Find("li[data-step=make] button").HasAttribute("disabled"));
        Assert.Equal("uname -r", cut.Find(".step-text .code-block.run").GetAttribute("data-code"));

        cut.Find("button.next-step").Click();

        cut.WaitForAssertion(() => Assert.Equal(["passed", "open current", "locked"], cut.FindAll(".lab-steps li").Select(li => li.ClassName)));
    }

    [Fact]
    public async Task Check_shows_each_checks_message_and_the_solution_opens_on_request()
    {
        var cut = await RenderGuideAsync();
        cut.Find("button.next-step").Click();
        cut.WaitForAssertion(() => cut.Find(".lab-step[data-step=make]"));
        _sessions.Host.Runs = _ => new ProcessOutput(1, "", "", false);

        cut.Find("button.check-step").Click();

        cut.WaitForAssertion(() => Assert.Equal("✗ make /root/made", cut.Find(".check-results li.failed").TextContent));
        Assert.Empty(cut.FindAll(".solution .code-block"));
        cut.Find("details.solution").TriggerEvent("ontoggle", EventArgs.Empty);
        Assert.Equal("touch /root/made", cut.Find(".solution .code-block").GetAttribute("data-code"));
    }

    [Fact]
    public async Task A_wrong_answer_is_marked_with_its_explanation()
    {
        var cut = await RenderGuideAsync();
        cut.Find("button.next-step").Click();
        cut.WaitForAssertion(() => cut.Find("button.check-step"));
        cut.Find("button.check-step").Click();
        cut.WaitForAssertion(() => cut.Find("button.next-step"));
        cut.Find("button.next-step").Click();
        cut.WaitForAssertion(() => cut.Find(".quiz"));

        cut.Find(".answer[data-answer='0'] input").Change(true);
        cut.Find("button.answer-quiz").Click();

        cut.WaitForAssertion(() => Assert.Equal("Not quite: Not this one.", cut.Find(".answer.wrong .explanation").TextContent.Trim()));
        Assert.Empty(cut.FindAll("li.passed[data-step=why]"));
    }
}
