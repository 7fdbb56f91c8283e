using System.IO.Compression;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// An instructor brings a lab of their own in chromium: the zip with a mistake shows the file and line and goes no
/// further; fixed, the lab tester passes it on the real daemon (each step's result arriving on the page), it is
/// published to the class, and the class's student sees it.
/// </summary>
public sealed class LabUploadTests(LabFixture lab) : IClassFixture<LabFixture>, IDisposable
{
    private readonly DirectoryInfo _zips = Directory.CreateTempSubdirectory("clab-e2e-zips-");

    public void Dispose() => _zips.Delete(recursive: true);

    /// <summary>A zip of the lab folder hello-files, as a file chooser picks it.</summary>
    private string LabZip(string name, string manifest)
    {
        string folder = Path.Combine(_zips.FullName, name, HelloFilesLab.Id);
        foreach (var (path, text) in HelloFilesLab.Files(manifest))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
            File.WriteAllText(Path.Combine(folder, path), text);
        }
        string zip = Path.Combine(_zips.FullName, name + ".zip");
        ZipFile.CreateFromDirectory(Path.GetDirectoryName(folder)!, zip);
        return zip;
    }

    private static async Task UploadAsync(IPage teacher, string zip)
    {
        await teacher.GotoAsync("/labs/manage");
        await teacher.SetInputFilesAsync("#lab-zip", zip);
        await teacher.ClickAsync(".lab-upload button[type=submit]");
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_mistake_shows_its_file_and_line_and_the_fixed_lab_is_tested_and_published_to_a_class()
    {
        var teacher = await lab.FirstInstructorAsync();
        string code = await teacher.CreateClassAsync("Lab club", "01-container-is-a-process");

        await UploadAsync(teacher, LabZip("broken", HelloFilesLab.Manifest.Replace("text: steps/01.md", "text: steps/01-missing.md")));
        await teacher.WaitForSelectorAsync(".draft-problems li[data-file='lab.yaml'][data-line='9']");
        string problem = (await teacher.TextContentAsync(".draft-problems li"))!;
        Assert.Contains("steps/01-missing.md", problem);
        Assert.Equal(0, await teacher.Locator("button.run-test").CountAsync());
        Assert.Equal(0, await teacher.Locator("button.publish").CountAsync());
        await teacher.ScreenshotAsync("lab-upload-problem-1400-light");

        await UploadAsync(teacher, LabZip("fixed", HelloFilesLab.Manifest));
        await teacher.WaitForSelectorAsync(".draft-valid");
        Assert.True(await teacher.IsDisabledAsync("button.publish"), "publish before the tester passed");
        await teacher.ClickAsync("button.run-test");
        // Done either way, then judged with what the page says (a failed step names itself and why).
        try
        {
            await teacher.WaitForSelectorAsync(".test-state[data-test=Passed], .test-state[data-test=Failed]", new() { Timeout = 120_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the tester did not end within 120 s; the page says: {await teacher.EvaluateAsync<string>("() => document.querySelector('.draft-test').innerText")}"
                + $"\nthe web's log:\n{string.Join('\n', lab.Web.LogSince(0).TakeLast(40))}\nthe daemon's log:\n{lab.Daemon.Log()[^Math.Min(4000, lab.Daemon.Log().Length)..]}", e);
        }
        Assert.True(await teacher.GetAttributeAsync(".test-state", "data-test") == "Passed",
            await teacher.EvaluateAsync<string>("() => document.querySelector('.draft-test').innerText"));
        Assert.Equal("true", await teacher.GetAttributeAsync(".test-results tr[data-step='make-a-file']", "data-ok"));
        Assert.Contains("1 ✓", await teacher.TextContentAsync(".test-results tr[data-step='make-a-file'] td:nth-child(4)")); // its Run block, typed as a student clicks it
        await teacher.SelectOptionAsync("#publish-class", new SelectOptionValue { Label = "Lab club" });
        await teacher.ClickAsync("button.publish");
        await teacher.WaitForSelectorAsync(".published:has-text('it is the last lab of Lab club')");
        await teacher.ScreenshotAsync("lab-upload-published-1400-light");
        await teacher.SetViewportSizeAsync(390, 844);
        await teacher.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.True(await teacher.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the draft page is wider than a phone");
        await teacher.ScreenshotAsync("lab-upload-published-390-dark");

        await teacher.GotoAsync("/labs/manage");
        Assert.Equal("uploaded", (await teacher.TextContentAsync("tr[data-lab='hello-files'] td:last-child"))?.Trim());

        // A student of the class finds it in the class's labs, after the first.
        var student = await lab.NewStudentAsync(1400, 900);
        await student.GotoAsync("/join");
        await student.FillAsync("#code", code);
        await student.FillAsync("#displayname", "Ada");
        await student.ClickAsync("button:has-text('Join')");
        await student.WaitForPageAsync("/labs", ".your-class li[data-lab='hello-files']");
        await student.WaitForSelectorAsync(".lab-card[data-lab='hello-files']");
        await student.Context.CloseAsync();
        await teacher.Context.CloseAsync();
    }
}
