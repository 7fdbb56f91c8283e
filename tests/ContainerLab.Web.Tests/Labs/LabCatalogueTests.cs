using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Labs;

/// <summary>The /labs page over a real labs folder: good labs offered, a broken one listed with its problems, none hiding the others.</summary>
public sealed class LabCatalogueTests : BunitContext
{
    private readonly TestLabs _labs = new();

    public LabCatalogueTests() => Services.AddSingleton(_labs.Library);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _labs.Dispose();
    }

    [Fact]
    public void Good_labs_have_a_start_form_and_a_broken_one_is_listed_with_file_and_line()
    {
        _labs.Write("a-good", LabRunTests.Manifest, LabRunTests.Files);
        _labs.Write("b-broken", "schema: 1\ntitle: Broken\nsteps:\n  - id: x\n    title: X\n    text: missing.md\n");
        _labs.Write("c-good", LabRunTests.Manifest.Replace("Test lab", "Another lab", StringComparison.Ordinal), LabRunTests.Files);

        var cut = Render<ContainerLab.Web.Components.Pages.Labs>();

        Assert.Equal(["a-good", "c-good"], cut.FindAll(".lab-card").Select(c => c.GetAttribute("data-lab")));
        Assert.Equal("a-good", cut.Find(".lab-card[data-lab=a-good] input[name=lab]").GetAttribute("value"));
        Assert.Contains("3 steps", cut.Find(".lab-card[data-lab=a-good] .facts").TextContent);
        Assert.Contains("1 lab(s) could not be loaded", cut.Find(".broken-labs summary").TextContent);
        Assert.Contains("lab.yaml:6: 'missing.md' does not exist", cut.Find(".broken-labs").TextContent);
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
