using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A student works through a guided lab in the real app: run blocks, Check, unlocking, a reload, the quiz.</summary>
public sealed class GuidedLabTests(LabFixture lab) : IClassFixture<LabFixture>
{
    private const string Lab = "01-container-is-a-process";

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Run_blocks_type_into_the_terminal_check_passes_the_next_step_unlocks_a_reload_keeps_it_and_a_wrong_answer_explains()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.GotoAsync("/labs");
        await page.ClickAsync($".lab-card[data-lab='{Lab}'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".lab-guide .lab-step[data-step=two-spaces]");
        await page.ScreenshotAsync("lab-first-step");

        // A reading step: Next opens the first step with a check; the step after that stays locked.
        await page.ClickAsync(".lab-guide button.next-step");
        await page.WaitForSelectorAsync(".lab-step[data-step=whose-kernel]");
        Assert.True(await page.IsDisabledAsync(".lab-steps li[data-step=a-process] button"));

        // Check before doing anything fails with the check's own words.
        await page.ClickAsync("button.check-step");
        await page.WaitForSelectorAsync(".check-results .failed:has-text('/root/kernel.txt does not exist')");

        // Each Run button types its command into the terminal, which runs it.
        var runs = page.Locator(".lab-step .code-block.run button");
        Assert.Equal(2, await runs.CountAsync());
        await runs.Nth(0).ClickAsync();
        await page.WaitForScreenAsync("uname -r");
        await runs.Nth(1).ClickAsync();
        await page.WaitForScreenAsync("uname -r > /root/kernel.txt");
        await page.WaitForPromptAsync();

        await page.ClickAsync("button.check-step");
        await page.WaitForSelectorAsync(".check-results .passed:has-text('the server')");
        await page.WaitForSelectorAsync(".lab-steps li[data-step=a-process] button:not([disabled])");
        await page.ScreenshotAsync("lab-check-passed");

        // A reload (a new circuit) keeps what passed: the guide opens on the next step.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".lab-step[data-step=a-process]");
        Assert.Equal(2, await page.Locator(".lab-steps li.passed").CountAsync());

        // The background check notices the sleep without pressing Check.
        await page.WaitForPromptAsync();
        await page.ClickAsync(".lab-step .code-block.run button");
        await page.WaitForSelectorAsync(".lab-steps li.passed[data-step=a-process]", new() { Timeout = 15_000 });
        await page.ClickAsync(".lab-guide button.next-step");

        // A wrong answer shows its explanation and passes nothing.
        await page.WaitForSelectorAsync(".lab-step[data-step=why] .quiz");
        await page.CheckAsync(".quiz .answer[data-answer='0'] input");
        await page.ClickAsync("button.answer-quiz");
        await page.WaitForSelectorAsync(".quiz .answer.wrong .explanation:has-text('host')");
        Assert.Equal(0, await page.Locator(".lab-steps li.passed[data-step=why]").CountAsync());
        await page.ScreenshotAsync("lab-quiz-wrong-answer");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
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
