using ContainerLab.Web.Catalogue;
using ContainerLab.Web.LabRuns;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Labs;

/// <summary>
/// The /labs page over a real labs folder and a fake host: good labs offered, labs whose image the host lacks marked with
/// the reason, progress per lab, broken labs only for instructors.
/// </summary>
public sealed class LabCatalogueTests : BunitContext
{
    private TestLabs _labs = new();
    private readonly TestSessions _sessions = new();

    public LabCatalogueTests() => Register();

    private void Register()
    {
        Services.AddSingleton(_labs.Library);
        Services.AddSingleton(_labs.Progress);
        Services.AddSingleton(_sessions.Registry);
        Services.AddSingleton(new LabAvailability(_sessions.Host, _sessions.Errors));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new ContainerLab.Web.Classes.ClassDirectory(_labs.Database.Factory, TimeProvider.System));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _labs.Dispose();
    }

    [Fact]
    public void Good_labs_have_a_start_form_and_a_broken_one_is_hidden_from_students()
    {
        _labs.Write("a-good", LabRunTests.Manifest, LabRunTests.Files);
        _labs.Write("b-broken", "schema: 1\ntitle: Broken\nsteps:\n  - id: x\n    title: X\n    text: missing.md\n");
        _labs.Write("c-good", LabRunTests.Manifest.Replace("Test lab", "Another lab", StringComparison.Ordinal), LabRunTests.Files);

        var cut = Render<ContainerLab.Web.Components.Pages.Labs>();

        Assert.Equal(["a-good", "c-good"], cut.FindAll(".lab-card").Select(c => c.GetAttribute("data-lab")));
        Assert.Equal("a-good", cut.Find(".lab-card[data-lab=a-good] input[name=lab]").GetAttribute("value"));
        Assert.Contains("3 steps", cut.Find(".lab-card[data-lab=a-good] .facts").TextContent);
        Assert.Empty(cut.FindAll(".broken-labs"));
    }

    [Fact]
    public void With_ShowLabProblems_a_broken_lab_is_listed_with_file_and_line()
    {
        _labs.Dispose();
        _labs = new TestLabs(o => o.ShowLabProblems = true);
        Services.AddSingleton(_labs.Library);
        _labs.Write("b-broken", "schema: 1\ntitle: Broken\nsteps:\n  - id: x\n    title: X\n    text: missing.md\n");

        var cut = Render<ContainerLab.Web.Components.Pages.Labs>();

        Assert.Contains("1 lab(s) could not be loaded", cut.Find(".broken-labs summary").TextContent);
        Assert.Contains("lab.yaml:6: 'missing.md' does not exist", cut.Find(".broken-labs").TextContent);
    }

    [Fact]
    public void A_lab_whose_image_the_host_lacks_cannot_start_and_says_why_until_the_image_is_there()
    {
        _labs.Write("a-debian", LabRunTests.Manifest.Replace("image: busybox", "image: debian", StringComparison.Ordinal), LabRunTests.Files);
        Assert.Contains("image: debian", File.ReadAllText(Path.Combine(_labs.LabsDirectory, "a-debian", "lab.yaml")));

        var cut = Render<ContainerLab.Web.Components.Pages.Labs>();
        Assert.Contains("cannot-start", cut.Find(".lab-card[data-lab=a-debian]").ClassName);
        Assert.Contains("needs the image `debian`, which this server does not have: the admin runs scripts/build-debian-image.sh",
            cut.Find(".lab-card[data-lab=a-debian] .cannot-start-reason").TextContent);
        Assert.True(cut.Find(".lab-card[data-lab=a-debian] button.start").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll(".lab-card[data-lab=a-debian] form"));

        _sessions.Host.Images.Add("debian:latest");
        var again = Render<ContainerLab.Web.Components.Pages.Labs>();
        Assert.DoesNotContain("cannot-start", again.Find(".lab-card[data-lab=a-debian]").ClassName);
        Assert.Single(again.FindAll(".lab-card[data-lab=a-debian] form"));
    }

    [Fact]
    public async Task A_lab_is_in_progress_once_a_step_passed_and_finished_once_all_did_for_that_learner_only()
    {
        _labs.Write("a-good", LabRunTests.Manifest, LabRunTests.Files);
        var lab = _labs.Library.Find("a-good")!;
        async Task<LabProgress> ProgressOf(string learner) =>
            CatalogueCard.For([lab], [], await _labs.Progress.PassedByLabAsync(learner, CancellationToken.None))[0].Progress;

        Assert.Equal(LabProgress.NotStarted, await ProgressOf("learner-1"));
        await _labs.Progress.RecordPassAsync("learner-1", "a-good", lab.Steps[0].Id, CancellationToken.None);
        Assert.Equal(LabProgress.InProgress, await ProgressOf("learner-1"));
        foreach (var step in lab.Steps)
            await _labs.Progress.RecordPassAsync("learner-1", "a-good", step.Id, CancellationToken.None);
        Assert.Equal(LabProgress.Finished, await ProgressOf("learner-1"));
        Assert.Equal(LabProgress.NotStarted, await ProgressOf("learner-2"));
    }

    [Fact]
    public void An_edited_lab_shows_at_the_next_visit_without_a_restart()
    {
        _labs.Write("a-good", LabRunTests.Manifest, LabRunTests.Files);
        Assert.Single(Render<ContainerLab.Web.Components.Pages.Labs>().FindAll(".lab-card"));

        _labs.Write("d-new", LabRunTests.Manifest, LabRunTests.Files);
        Directory.SetLastWriteTimeUtc(Path.Combine(_labs.LabsDirectory, "d-new"), DateTime.UtcNow.AddSeconds(5));

        Assert.Equal(2, Render<ContainerLab.Web.Components.Pages.Labs>().FindAll(".lab-card").Count);
    }
}
