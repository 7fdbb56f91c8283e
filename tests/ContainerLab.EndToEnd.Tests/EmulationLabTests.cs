using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A web tier whose daemon has the `emulation` image, which lab 9's node uses.</summary>
public sealed class EmulationLab : LabFixture
{
    protected override Task PrepareDaemonAsync() => EmulationImage.ImportAsync(Daemon);
}

/// <summary>Lab 9 in the browser: the arm64 program refused, run by qemu-user, then by the kernel through a binfmt_misc rule of the student's own.</summary>
public sealed class EmulationLabTests(EmulationLab lab) : IClassFixture<EmulationLab>
{
    private const string Lab = "09-other-cpus";

    [RootFact("root, containerlabd, ContainerLab.Web, Debian chromium and the emulation rootfs tar (scripts/build-emulation-image.sh --tar-only)")]
    public async Task Run_buttons_run_an_arm64_program_by_qemu_then_by_a_binfmt_rule_in_the_students_own_user_namespace()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await lab.NewStudentAsync(1400, 900, scheme);
            await page.GotoAsync("/labs");
            await page.ClickAsync($".lab-card[data-lab='{Lab}'] button.start");
            await page.WaitForPromptAsync();
            await page.WaitForSelectorAsync(".lab-guide .lab-step[data-step=machine-code]");

            var runs = page.Locator(".lab-step .code-block.run button");
            await runs.Nth(0).ClickAsync();                 // uname -m; cpu-hello.x86_64
            await page.WaitForScreenAsync("uname says this machine is x86_64");
            await runs.Nth(2).ClickAsync();                 // cpu-hello.arm64: ENOEXEC, then busybox sh reads it as a script
            await page.WaitForScreenAsync("syntax error");
            await runs.Nth(3).ClickAsync();                 // the two e_machine numbers into /root/machines.txt
            await page.WaitForScreenAsync("62 183");
            await page.ClickAsync("button.check-step");
            await page.WaitForSelectorAsync(".check-results .passed:has-text('e_machine 62 183')", new() { Timeout = 20_000 });
            await page.ClickAsync(".lab-guide button.next-step");

            await page.WaitForSelectorAsync(".lab-step[data-step=by-hand]");
            await runs.Nth(0).ClickAsync();                 // qemu-aarch64-static cpu-hello.arm64
            await page.WaitForScreenAsync("uname says this machine is aarch64");
            Assert.True(await page.IsDisabledAsync(".lab-steps li[data-step=binfmt] button")); // until by-hand passes
            await runs.Nth(1).ClickAsync();                 // both builds' work, 2 x 20 sorts
            await page.WaitForScreenAsync("sorts on aarch64", timeoutMs: 60_000);
            await page.ClickAsync("button.check-step");
            await page.WaitForSelectorAsync(".check-results .passed:has-text('same checksum')", new() { Timeout = 20_000 });
            await page.ClickAsync(".lab-guide button.next-step");

            await page.WaitForSelectorAsync(".lab-step[data-step=binfmt]");
            await runs.Nth(0).ClickAsync();                 // unshare -Urm sh
            await runs.Nth(1).ClickAsync();                 // mount binfmt_misc
            await page.WaitForScreenAsync("register");
            await runs.Nth(2).ClickAsync();                 // register qemu-aarch64
            await runs.Nth(3).ClickAsync();                 // cat the rule
            await page.WaitForScreenAsync("interpreter /usr/bin/qemu-aarch64-static");
            await runs.Nth(4).ClickAsync();                 // cpu-hello.arm64, as any program
            await page.WaitForFunctionAsync(
                "() => (document.querySelector('.terminal-view:not([hidden]) .xterm-rows')?.innerText.match(/machine is aarch64/g) ?? []).length >= 2");
            // A background step: it passes by itself while the student stays in that shell.
            await page.WaitForSelectorAsync(".lab-steps li.passed[data-step=binfmt]", new() { Timeout = 30_000 });
            await page.ScreenshotAsync($"lab9-binfmt-passed-{scheme.ToString().ToLowerInvariant()}");
            await page.Context.CloseAsync();
        }
    }
}
