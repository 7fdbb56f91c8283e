using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// A VM node in the browser (issue 11): a student adds one beside node1, its terminal is the guest's console and
/// shows the kernel booting to a shell, and what they type there runs on the guest's own kernel, not the server's.
/// </summary>
[Collection(VmBoots.Name)]
public sealed partial class VmNodeTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [RootFact("root, containerlabd, ContainerLab.Web, Debian chromium, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task A_student_adds_a_vm_beside_node1_watches_it_boot_and_types_on_its_own_kernel()
    {
        await VmImage.ImportAsync(lab.Daemon);
        string host = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.TypeAsync("uname -r\n");
        await page.WaitForScreenAsync(host); // node1, a container: the server's kernel

        await page.ClickAsync(".add-vm");
        await page.WaitForSelectorAsync("li[data-node=vm1].selected", new() { Timeout = 30_000 });
        Assert.Equal("VM", (await page.Locator("li[data-node=vm1] .kind").TextContentAsync())?.Trim());
        // The console: the guest kernel's boot log, then the init's milestones and a shell.
        await page.WaitForScreenAsync("clab-boot: shell", 120_000);
        Assert.True(await page.Locator(".open-terminal").IsDisabledAsync(), "a VM node's one terminal is its console");
        Assert.True(await page.Locator(".add-vm").IsDisabledAsync(), "a session has one VM node by default");
        // The kernel column is the host's view of it, and says so: QEMU's sandbox on the host's kernel, not the guest.
        Assert.Contains("vm1 is a virtual machine", await page.Locator(".vm-view").TextContentAsync());
        Assert.Contains("vm1's own runs inside QEMU", await page.Locator(".namespaces-panel .ns-kernel text").TextContentAsync());
        // The network picture: the address is the guest's (the sandbox's eth0 gave it up), and node1 reaches vm1.
        await page.WaitForFunctionAsync("""
            () => (document.querySelector('.network-panel g.net-node[data-name=vm1]')?.getAttribute('data-address') ?? '').startsWith('10.89.0.')
               && (document.querySelector('.network-panel g.net-node[data-name=node1] .net-reach')?.textContent ?? '').includes('vm1')
            """, null, new() { Timeout = 30_000 });
        await page.ScreenshotAsync("vm-node-booted");
        // The start-up panel: the container's steps, then the VM's boot as it happened (console, kernel, init, agent, and
        // on the session's network the guest taking the node's address).
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.startup-panel .startup-step.vm-boot').length === 5", null, new() { Timeout = 30_000 });
        var bootSteps = await page.Locator(".startup-panel .startup-step.vm-boot").EvaluateAllAsync<string[]>("gs => gs.map(g => g.getAttribute('aria-label'))");
        Assert.StartsWith("QEMU started the machine", bootSteps[0]);
        Assert.StartsWith("guest agent answered", bootSteps[3]);
        Assert.StartsWith("guest took the node's address", bootSteps[4]);
        // KVM where a guest booted under it, else TCG with why: no /dev/kvm, or KVM tried first and failed (as here).
        Assert.Matches(@"^Processor: (TCG: (this server has no /dev/kvm|KVM was tried first \(/dev/kvm\) and )|KVM: a guest booted under KVM)",
            (await page.InnerTextAsync(".startup-panel .vm-accelerator")).Trim());
        await page.Locator(".startup-panel").ScrollIntoViewIfNeededAsync();
        await page.Locator(".startup-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "vm-node-boot-timeline.png") });

        await page.TypeAsync("\nuname -r; echo kernel-$((40+2))\n");
        await page.WaitForScreenAsync("kernel-42", 60_000);
        string screen = await page.ScreenAsync();
        var guest = GuestRelease().Matches(screen).Select(m => m.Value).LastOrDefault();
        Assert.True(guest is not null, screen);
        Assert.NotEqual(host, guest); // Debian 12's kernel, booted by QEMU for this node

        // The guest's own view beside the host's, read through its agent: the kernel the console printed, its init.
        await page.WaitForSelectorAsync($".guest-panel .guest-release:has-text('{guest}')", new() { Timeout = 30_000 });
        Assert.Contains("pid 1 init", await page.Locator(".guest-panel .guest-processes").InnerTextAsync());
        Assert.Matches(@"^\d+ MiB managed by the guest's kernel", (await page.Locator(".guest-panel .guest-memory").InnerTextAsync()).Trim());
        await page.Locator(".guest-panel").ScrollIntoViewIfNeededAsync();
        await page.Locator(".guest-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "vm-node-guest-view.png") });

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ScreenshotAsync("vm-node-dark");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync("vm-node-390");

        // Back on node1: still the server's kernel, the VM beside it.
        await page.SetViewportSizeAsync(1600, 1000);
        await page.ClickAsync("li[data-node=node1] button.node");
        await page.WaitForSelectorAsync("li[data-node=node1].selected");
        await page.WaitForSelectorAsync(".open-terminal:not([disabled])", new() { Timeout = 5000 }); // the click's render, then a container's tabs
        await page.Locator(".namespaces-panel .ns-kernel text").Filter(new() { HasText = "the only one" }).WaitForAsync(new() { Timeout = 5000 });
        Assert.Equal(0, await page.Locator(".vm-view").CountAsync());
        await page.ClickAsync("li[data-node=vm1] button.remove");
        await page.WaitForSelectorAsync("li[data-node=vm1]", new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        Assert.False(await page.Locator(".add-vm").IsDisabledAsync());
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web, Debian chromium, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task Lab_7s_vm_step_passes_in_the_browser_its_run_buttons_typing_into_vm1s_console()
    {
        await VmImage.ImportAsync(lab.Daemon);
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.GotoAsync("/labs");
        await page.ClickAsync(".lab-card[data-lab='07-containers-and-vms'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync("li[data-node=vm1] .kind");

        // Steps 2 and 3, in node1, as a student does them: the answer typed, the Run buttons clicked, Check.
        await page.ClickAsync(".lab-guide button.next-step");
        await page.WaitForSelectorAsync(".lab-step[data-step=is-this-a-vm]");
        Assert.Contains("node1", await page.InnerTextAsync(".lab-step .step-node"));
        await page.TypeAsync("grep -qw hypervisor /proc/cpuinfo && echo yes > /root/vm.txt || echo no > /root/vm.txt\n");
        await CheckPassesAsync(page, "is-this-a-vm");
        await page.ClickAsync(".lab-steps li[data-step=nothing-booted] button");
        await page.WaitForSelectorAsync(".lab-step[data-step=nothing-booted]");
        var runs = page.Locator(".lab-step .code-block.run button");
        for (int i = 0; i < 3; i++)
        {
            await runs.Nth(i).ClickAsync();
            await page.WaitForScreenAsync(i == 1 ? "s ago" : "#");
        }
        await CheckPassesAsync(page, "nothing-booted");

        // The VM's step: its Run buttons select vm1 and type into its console; the check runs in the guest.
        await page.ClickAsync(".lab-steps li[data-step=a-machine-that-booted] button");
        await page.WaitForSelectorAsync(".lab-step[data-step=a-machine-that-booted]");
        Assert.Contains("vm1", await page.InnerTextAsync(".lab-step .step-node"));
        Assert.Equal("node1", await page.GetAttributeAsync(".node-list li.selected", "data-node"));
        // vm1 may still be booting (the steps before were quick): wait for its shell, as lab 8's test does. Keys typed
        // into the console before the guest's shell opened it can be lost (a known defect, docs/VMS.md); a CI run lost
        // this step's first Run that way.
        await page.ClickAsync("li[data-node=vm1] button.node");
        await page.WaitForScreenAsync("vm1:/root#", 120_000);
        await runs.Nth(0).ClickAsync();
        await page.WaitForSelectorAsync("li[data-node=vm1].selected");
        await page.WaitForScreenAsync("-amd64", 60_000); // uname -r in the guest
        await runs.Nth(1).ClickAsync();
        await page.WaitForScreenAsync("Run /init as init process", 30_000);
        await runs.Nth(2).ClickAsync();
        await CheckPassesAsync(page, "a-machine-that-booted");
        await page.ScreenshotAsync("lab-7-vm-step-passed");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web, Debian chromium, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task Lab_8s_utility_vm_step_starts_a_container_inside_vm1_on_vm1s_kernel()
    {
        await VmImage.ImportAsync(lab.Daemon);
        string host = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.GotoAsync("/labs");
        await page.ClickAsync(".lab-card[data-lab='08-docker-on-windows-and-macos'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync("li[data-node=vm1] .kind");

        // The steps before the utility VM's, as a student does them: the answers typed in node1, the quizzes answered.
        await page.TypeAsync("echo ELF > /root/format.txt; od -An -tu2 -j 18 -N 2 /bin/busybox > /root/machine.txt\n");
        await CheckPassesAsync(page, "linux-programs");
        foreach (var (step, answers) in new[] { ("macos", new[] { 0, 1 }), ("windows-wsl2", [1]), ("windows-containers", [0]) })
        {
            await page.ClickAsync($".lab-steps li[data-step={step}] button");
            await page.WaitForSelectorAsync($".lab-step[data-step={step}] .quiz");
            foreach (int answer in answers)
                await page.CheckAsync($".quiz .answer[data-answer='{answer}'] input");
            await page.ClickAsync("button.answer-quiz");
            await page.WaitForSelectorAsync($".lab-steps li.passed[data-step={step}]");
        }

        // In vm1's console: a root directory, a container in it (pid, mount and uts namespaces, chroot), its own /proc.
        await page.ClickAsync(".lab-steps li[data-step=a-utility-vm] button");
        await page.WaitForSelectorAsync(".lab-step[data-step=a-utility-vm]");
        Assert.Contains("vm1", await page.InnerTextAsync(".lab-step .step-node"));
        // As the step says, the student selects vm1 and finds its shell (its boot may still be going on: the steps before
        // were quick). Keys typed before the guest's shell opened its console may be lost.
        await page.ClickAsync("li[data-node=vm1] button.node");
        await page.WaitForScreenAsync("vm1:/root#", 120_000);
        var runs = page.Locator(".lab-step .code-block.run button");
        await runs.Nth(0).ClickAsync();                                  // uname -r, in the guest
        await page.WaitForFunctionAsync("() => /\\n\\d+\\.\\d+\\.\\d+-\\d+-amd64\\n/.test(document.querySelector('.terminal-view:not([hidden]) .xterm-rows')?.innerText ?? '')",
            null, new() { Timeout = 30_000 });
        await runs.Nth(1).ClickAsync();                                  // the root directory
        await page.WaitForScreenAsync("hostname", 30_000);
        await runs.Nth(2).ClickAsync();                                  // unshare -fpmu chroot /c /bin/sh
        await runs.Nth(3).ClickAsync();                                  // its /proc, hostname, ps, ls /
        await page.WaitForScreenAsync("utility-container", 30_000);
        await runs.Nth(4).ClickAsync();                                  // uname -r | tee /root/kernel.txt
        // The background check passes the step while the container's shell runs.
        await page.WaitForSelectorAsync(".lab-steps li.passed[data-step=a-utility-vm]", new() { Timeout = 60_000 });
        // ps in the container: its shell is pid 1. Waited for, not looked at once: under TCG the guest's console can still
        // be printing the earlier commands' output when the background check passes the step (a CI run's screen had not
        // reached ps yet).
        await page.WaitForFunctionAsync("() => /PID\\s+USER\\s+(TIME\\s+)?COMMAND\\s+1 /.test(document.querySelector('.terminal-view:not([hidden]) .xterm-rows')?.innerText ?? '')",
            null, new() { Timeout = 30_000 });
        string screen = await page.ScreenAsync();
        var releases = GuestRelease().Matches(screen).Select(m => m.Value).Distinct().ToList();
        Assert.True(releases.Count == 1 && releases[0] != host, screen); // the VM's kernel in the VM and in its container
        await page.ScreenshotAsync("lab-8-utility-vm-step-passed");
        await page.Context.CloseAsync();
    }

    private static async Task CheckPassesAsync(IPage page, string step)
    {
        await page.ClickAsync("button.check-step");
        await page.WaitForSelectorAsync($".lab-steps li.passed[data-step={step}]", new() { Timeout = 60_000 });
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+-\d+-amd64$", RegexOptions.Multiline)]
    private static partial Regex GuestRelease();
}

/// <summary>
/// A VM boot under TCG keeps a core busy for seconds: run alone, after the other classes, so that it does not slow
/// the tests that time what a student sees (Ctrl-C to prompt within a second took 1775 ms beside a booting VM).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VmBoots
{
    public const string Name = "VM boots, alone";
}
