using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>The diagrams beside the terminal follow what the student does (issue 4; the panels poll once a second for now).</summary>
public sealed partial class KernelPanelTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_background_sleep_appears_in_the_process_panel_with_two_different_pids()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.TypeAsync("sleep 300 &\n");
        var sleep = page.Locator("g.proc", new() { HasTextString = "sleep 300" });
        await sleep.WaitForAsync(new() { Timeout = 5000 });
        string text = await sleep.TextContentAsync() ?? "";
        var match = PidPair().Match(text);
        Assert.True(match.Success, text);
        Assert.NotEqual(match.Groups[1].Value, match.Groups[2].Value); // pid inside != pid on the host
        Assert.Contains($"root (0) inside / {lab.Daemon.IdBase} outside", text); // root inside is a high uid outside
        await page.ScreenshotAsync("kernel-panels");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"pid (\d+) inside / (\d+) on the host")]
    private static partial Regex PidPair();
}
