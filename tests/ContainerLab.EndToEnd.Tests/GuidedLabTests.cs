using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A web tier whose daemon has the `debian` image, which lab 2's node uses.</summary>
public sealed class DebianLab : LabFixture
{
    protected override Task PrepareDaemonAsync() => DebianImage.ImportAsync(Daemon);
}

/// <summary>A student works through lab 2 in the real app: run blocks, Check, unlocking, a reload, the quiz.</summary>
public sealed class GuidedLabTests(DebianLab lab) : IClassFixture<DebianLab>
{
    private const string Lab = "02-namespaces-one-by-one";

    [RootFact("root, containerlabd, ContainerLab.Web, Debian chromium and the debian rootfs tar")]
    public async Task Run_blocks_type_into_the_terminal_check_passes_the_next_step_unlocks_a_reload_keeps_it_and_a_wrong_answer_explains()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.GotoAsync("/labs");
        await page.ClickAsync($".lab-card[data-lab='{Lab}'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".lab-guide .lab-step[data-step=your-namespaces]");
        await page.ScreenshotAsync("lab-first-step");

        // A reading step: Next opens the first step with checks; the steps that need it stay locked.
        await page.ClickAsync(".lab-guide button.next-step");
        await page.WaitForSelectorAsync(".lab-step[data-step=user]");
        Assert.True(await page.IsDisabledAsync(".lab-steps li[data-step=uts] button"));

        // Check before doing anything fails with the checks' own words.
        await page.ClickAsync("button.check-step");
        await page.WaitForSelectorAsync(".check-results .failed:has-text('no process is in a user namespace of its own')");

        // Each Run button types its command into the terminal, which runs it (the shell's answers show it ran).
        var runs = page.Locator(".lab-step .code-block.run button");
        await runs.Nth(0).ClickAsync();                     // unshare -U sh
        await page.WaitForTimeoutAsync(500);
        await runs.Nth(1).ClickAsync();                     // id; cat /proc/self/uid_map
        await page.WaitForScreenAsync("uid=65534");
        await runs.Nth(2).ClickAsync();                     // exit
        await runs.Nth(3).ClickAsync();                     // unshare -U --map-user=1000 --map-group=1000 sh
        await page.WaitForTimeoutAsync(500);
        await runs.Nth(4).ClickAsync();                     // id; cat /proc/self/uid_map
        await page.WaitForScreenAsync("uid=1000");

        await page.ClickAsync("button.check-step");
        await page.WaitForSelectorAsync(".check-results .passed:has-text('uid_map')", new() { Timeout = 20_000 });
        await page.WaitForSelectorAsync(".lab-steps li[data-step=uts] button:not([disabled])");
        await page.ScreenshotAsync("lab-check-passed");

        // A reload (a new circuit) keeps what passed.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".lab-steps li.passed[data-step=user]");
        // The prerendered page shows the steps (and its terminal works) before the circuit is up; its buttons answer once
        // the workspace is interactive (on a busy machine, seconds later).
        await page.WaitForSelectorAsync(".workspace[data-interactive=true]", new() { Timeout = 20_000 });
        await page.WaitForScreenAsync("uid=1000", timeoutMs: 20_000);
        Assert.False(await page.IsDisabledAsync(".lab-steps li[data-step=uts] button"));

        // A wrong answer shows its explanation and passes nothing; the right one passes the step.
        await page.ClickAsync(".lab-steps li[data-step=why-user] button");
        await page.WaitForSelectorAsync(".lab-step[data-step=why-user] .quiz");
        await page.CheckAsync(".quiz .answer[data-answer='0'] input");
        await page.ClickAsync("button.answer-quiz");
        await page.WaitForSelectorAsync(".quiz .answer.wrong .explanation:has-text('capability check')");
        Assert.Equal(0, await page.Locator(".lab-steps li.passed[data-step=why-user]").CountAsync());
        await page.ScreenshotAsync("lab-quiz-wrong-answer");
        await page.CheckAsync(".quiz .answer[data-answer='1'] input");
        await page.ClickAsync("button.answer-quiz");
        await page.WaitForSelectorAsync(".lab-steps li.passed[data-step=why-user]");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web, Debian chromium and the debian rootfs tar")]
    public async Task The_catalogue_lists_the_repositorys_labs_with_a_start_button_each()
    {
        var page = await lab.NewStudentAsync();
        await page.GotoAsync("/labs");
        await page.WaitForSelectorAsync($".lab-card[data-lab='{Lab}']");
        int labs = Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "labs")).Count();
        Assert.Equal(labs, await page.Locator(".lab-card button.start").CountAsync());
        Assert.Equal(0, await page.Locator(".broken-labs").CountAsync());
        await page.ScreenshotAsync("lab-catalogue");
        await page.Context.CloseAsync();
    }
}
