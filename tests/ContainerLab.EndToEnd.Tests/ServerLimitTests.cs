using System.Net;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A class server configured for one session: the second student gets a clear page, not an error.</summary>
public sealed class OneSessionLab() : LabFixture(new Dictionary<string, string> { ["ContainerLab__MaxSessions"] = "1" });

public sealed class ServerLimitTests(OneSessionLab lab) : IClassFixture<OneSessionLab>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_full_server_answers_with_a_clear_page()
    {
        var first = await lab.NewStudentAsync();
        await first.StartAsync();
        var second = await lab.NewStudentAsync();
        await second.GotoAsync("/");
        Assert.Contains("1 of 1", await second.InnerTextAsync(".limits-summary"));
        await second.ClickAsync("#start");
        await second.WaitForPageAsync("/full", "main.server-full");
        Assert.Contains("The class server is full: 1 of 1 sessions in use", await second.InnerTextAsync("main"));
        await second.ScreenshotAsync("server-full");

        // When the first student ends the session, the place is free again.
        await first.ClickAsync(".end-session button");
        await first.WaitForHomeAsync();
        await second.GotoAsync("/");
        await second.ClickAsync("#start");
        await second.WaitForPromptAsync();
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }
}
