using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// A student's sandboxes are their account's, not their browser's: signed in on another computer, Start on the same lab
/// takes up the session they left, with its node and files, instead of making a second one.
/// </summary>
public sealed class AccountSessionTests(LabFixture lab) : IClassFixture<LabFixture>
{
    private const string Lab1 = "01-container-is-a-process";

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Signed_in_elsewhere_the_student_finds_their_session_and_its_files()
    {
        var teacher = await lab.FirstInstructorAsync();
        string code = await teacher.CreateClassAsync("Accounts only", requireAccount: true, Lab1);

        var laptop = await lab.NewStudentAsync(1400, 900);
        await laptop.GotoAsync("/join");
        await laptop.FillAsync("#code", code);
        await laptop.FillAsync("#displayname", "Dee");
        await laptop.FillAsync("#username", "dee");
        await laptop.FillAsync("#password", "a long enough password");
        await laptop.ClickAsync("button:has-text('Join')");
        await laptop.WaitForPageAsync("/labs", $".lab-card[data-lab='{Lab1}'] button.start");
        await laptop.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await laptop.WaitForPromptAsync();
        await laptop.TypeAsync("echo written-on-the-laptop > /root/mine; hostname\n");
        await laptop.WaitForScreenAsync("node1");

        // Another computer: sign in, Start the same lab.
        var desktop = await lab.NewStudentAsync(1400, 900);
        await desktop.GotoAsync("/account/login");
        await desktop.FillAsync("#username", "dee");
        await desktop.FillAsync("#password", "a long enough password");
        await desktop.ClickAsync("button[type=submit]");
        await desktop.WaitForSelectorAsync(".account-status strong");
        await desktop.GotoAsync("/labs");
        await desktop.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await desktop.WaitForPromptAsync();
        await desktop.TypeAsync("cat /root/mine\n");
        await desktop.WaitForScreenAsync("written-on-the-laptop");
        using var daemon = lab.Daemon.Client();
        var nodes = (await daemon.ListSandboxesAsync()).Where(s => s.Session?.StartsWith("web-", StringComparison.Ordinal) == true).ToList();
        Assert.Single(nodes); // one session with one node, reached from both browsers
        await laptop.Context.CloseAsync();
        await desktop.Context.CloseAsync();
        await teacher.Context.CloseAsync();
    }
}
