using System.Formats.Tar;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A daemon as a fresh install leaves it: busybox (built in), no `debian` image.</summary>
public sealed class FreshInstall : LabFixture;

/// <summary>Another fresh install, whose image list the test changes (so that it cannot disturb the other tests).</summary>
public sealed class FreshInstallForImports : LabFixture;

/// <summary>The catalogue on the first hour of a class: which labs can start, asking before a session is replaced.</summary>
public sealed class CatalogueTests(FreshInstall lab) : IClassFixture<FreshInstall>
{
    public static readonly string[] NeedDebian = ["02-namespaces-one-by-one", "03-cgroups", "06-distributions-share-a-kernel"];
    /// <summary>Labs with a VM node: they need the vm image (QEMU and the guest), which a fresh install has only after scripts/build-vm-image.sh.</summary>
    public static readonly string[] NeedVm = ["07-containers-and-vms", "08-docker-on-windows-and-macos"];
    /// <summary>Lab 9 runs programs for another CPU: the emulation image, which a fresh install has only after scripts/build-emulation-image.sh.</summary>
    public static readonly string[] NeedEmulation = ["09-other-cpus"];
    private const string Lab1 = "01-container-is-a-process", Lab4 = "04-union-filesystems";

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_fresh_install_marks_the_labs_that_need_debian_with_the_reason_and_every_other_lab_starts()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await lab.NewStudentAsync(1200, 1400, scheme);
            await page.GotoAsync("/labs");
            foreach (string id in NeedDebian)
            {
                var card = page.Locator($".lab-card[data-lab='{id}']");
                Assert.Contains("cannot-start", await card.GetAttributeAsync("class"));
                string reason = await card.Locator(".cannot-start-reason").InnerTextAsync();
                Assert.Contains("needs the image `debian`, which this server does not have", reason);
                Assert.Contains("scripts/build-debian-image.sh", reason);
                Assert.True(await card.Locator("button.start").IsDisabledAsync());
                Assert.Equal(0, await card.Locator("form").CountAsync());
            }
            foreach (string id in NeedVm)
            {
                var card = page.Locator($".lab-card[data-lab='{id}']");
                Assert.Contains("cannot-start", await card.GetAttributeAsync("class"));
                Assert.Contains("scripts/build-vm-image.sh", await card.Locator(".cannot-start-reason").InnerTextAsync());
                Assert.Contains("vm1: busybox (VM)", await card.Locator(".facts").InnerTextAsync());
            }
            foreach (string id in NeedEmulation)
            {
                var card = page.Locator($".lab-card[data-lab='{id}']");
                Assert.Contains("cannot-start", await card.GetAttributeAsync("class"));
                Assert.Contains("scripts/build-emulation-image.sh", await card.Locator(".cannot-start-reason").InnerTextAsync());
            }
            await page.ScreenshotAsync($"catalogue-fresh-install-{scheme.ToString().ToLowerInvariant()}");
            await page.Context.CloseAsync();
        }

        var labs = Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "labs")).Select(Path.GetFileName).Order().ToList();
        foreach (string id in labs.Except(NeedDebian).Except(NeedVm).Except(NeedEmulation)!)
        {
            var student = await lab.NewStudentAsync();
            await student.GotoAsync("/labs");
            Assert.False(await student.IsDisabledAsync($".lab-card[data-lab='{id}'] button.start"), $"{id} should be startable");
            await student.ClickAsync($".lab-card[data-lab='{id}'] button.start");
            await student.WaitForPromptAsync();
            await student.WaitForSelectorAsync(".lab-guide #lab-title");
            await student.ClickAsync(".end-session button");
            await student.WaitForHomeAsync();
            await student.Context.CloseAsync();
        }
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Starting_a_lab_the_server_cannot_start_is_refused_before_the_current_session_is_touched()
    {
        var page = await lab.NewStudentAsync();
        await page.GotoAsync("/labs");
        await page.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await page.WaitForPromptAsync();
        await page.TypeAsync("echo kept > /root/mine\n");

        // The button is disabled; a stale page or a hand-made post sends the form anyway.
        await page.GotoAsync("/labs");
        await page.EvaluateAsync("""
            id => { const form = document.querySelector('.lab-card form'); form.querySelector('input[name=lab]').value = id; form.submit(); }
            """, NeedDebian[0]);
        await page.WaitForSelectorAsync(".refused[role=alert]");
        Assert.Contains("`debian`", await page.InnerTextAsync(".refused"));
        Assert.Contains("refused=", page.Url);

        await page.GotoAsync("/lab");
        await page.WaitForPromptAsync();
        Assert.Equal("A container is a process", await page.InnerTextAsync("#lab-title"));
        await page.TypeAsync("cat /root/mine\n");
        await page.WaitForScreenAsync("kept");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Starting_another_lab_asks_first_naming_the_nodes_escape_and_keep_leave_the_session_and_confirm_replaces_it()
    {
        var page = await lab.NewStudentAsync();
        await page.GotoAsync("/labs");
        await page.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await page.WaitForPromptAsync();
        await page.TypeAsync("echo kept > /root/mine\n");

        // Escape cancels.
        await OpenDialogAsync(page);
        await page.ScreenshotAsync("confirm-start-light");
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForSelectorAsync("dialog.confirm-start", new() { State = WaitForSelectorState.Hidden });
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/labs");

        // "Keep my session" cancels.
        await OpenDialogAsync(page);
        await page.ClickAsync("dialog.confirm-start .cancel");
        // The page was already at /labs: wait for the dialog to go, not for the address.
        await page.WaitForSelectorAsync("dialog.confirm-start", new() { State = WaitForSelectorState.Detached });
        Assert.Equal("/labs", new Uri(page.Url).PathAndQuery);

        await page.GotoAsync("/lab");
        await page.WaitForPromptAsync();
        Assert.Equal("A container is a process", await page.InnerTextAsync("#lab-title"));
        await page.TypeAsync("cat /root/mine\n");
        await page.WaitForScreenAsync("kept");

        // Confirm replaces the session.
        await OpenDialogAsync(page);
        await page.ClickAsync("dialog.confirm-start button.confirm");
        await page.WaitForPageAsync("/lab", "#lab-title");
        await page.WaitForPromptAsync();
        Assert.Equal("Union filesystems", await page.InnerTextAsync("#lab-title"));
        await page.Context.CloseAsync();

        // Dark, on a phone.
        var phone = await lab.NewStudentAsync(390, 844, ColorScheme.Dark);
        await phone.GotoAsync("/labs");
        await phone.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await phone.WaitForPromptAsync(); // the session runs (at this width the terminal comes first, the guide is a tab away)
        await phone.ShowPaneAsync("side");
        await phone.WaitForSelectorAsync(".lab-guide #lab-title");
        await OpenDialogAsync(phone);
        await phone.ScreenshotAsync("confirm-start-dark-390");
        var box = await phone.Locator("dialog.confirm-start").BoundingBoxAsync();
        Assert.True(box is { X: >= 8 } && box.X + box.Width <= 382, $"the dialog fits the phone's width: {box?.X} + {box?.Width}");
        await phone.Context.CloseAsync();
    }

    /// <summary>Presses Start on lab 4 while lab 1 runs and waits for the modal dialog, which has the focus and names node1.</summary>
    private static async Task OpenDialogAsync(IPage page)
    {
        await page.GotoAsync("/labs");
        await page.ClickAsync($".lab-card[data-lab='{Lab4}'] button.start");
        await page.WaitForFunctionAsync("() => document.querySelector('dialog.confirm-start')?.matches(':modal')");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('dialog.confirm-start').contains(document.activeElement)"));
        Assert.Contains("node1", await page.InnerTextAsync("dialog.confirm-start .lost-nodes"));
        Assert.Contains("A container is a process", await page.InnerTextAsync("dialog.confirm-start"));
    }
}

/// <summary>Images imported while the web runs, a start the daemon refuses, and what the web logs for each.</summary>
public sealed class CatalogueImageTests(FreshInstallForImports lab) : IClassFixture<FreshInstallForImports>
{
    private const string Lab2 = "02-namespaces-one-by-one", Lab1 = "01-container-is-a-process";

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task An_image_imported_later_is_seen_a_refused_start_shows_the_daemons_reason_and_logs_one_error_and_reloads_log_nothing()
    {
        var page = await lab.NewStudentAsync();
        await page.GotoAsync("/labs");
        Assert.Contains("cannot-start", await page.GetAttributeAsync($".lab-card[data-lab='{Lab2}']", "class"));

        // A `debian` without a shell: the catalogue now offers lab 2 (no restart), and the daemon refuses to start it.
        using (var client = lab.Daemon.Client())
            await client.ImportImageAsync(RootfsTar(withShell: false), "debian", "rootfs");
        await page.GotoAsync("/labs");
        Assert.DoesNotContain("cannot-start", await page.GetAttributeAsync($".lab-card[data-lab='{Lab2}']", "class"));
        int mark = lab.Web.LogMark();
        await page.ClickAsync($".lab-card[data-lab='{Lab2}'] button.start");
        await page.WaitForPageAsync("/start-failed", ".reason");
        string reason = await page.InnerTextAsync(".reason");
        Assert.Contains("/bin/sh", reason);
        await page.ScreenshotAsync("start-failed");
        await lab.Web.WaitForLogAsync(mark, "Could not start lab " + Lab2);
        var failures = lab.Web.LogSince(mark).Where(l => l.StartsWith("fail:", StringComparison.Ordinal)).ToList();
        Assert.Single(failures);
        var entry = string.Join('\n', lab.Web.LogSince(mark));
        Assert.Contains("/bin/sh", entry);
        Assert.Contains("ContainerLabApiException", entry);
        await page.Context.CloseAsync();

        // A session with a terminal, reloaded twice and closed: a browser going away is not an error.
        mark = lab.Web.LogMark();
        var student = await lab.NewStudentAsync();
        await student.GotoAsync("/labs");
        await student.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await student.WaitForPromptAsync();
        for (int i = 0; i < 2; i++)
        {
            await student.ReloadAsync();
            await student.WaitForPromptAsync();
        }
        await student.Context.CloseAsync();
        // A marker after the closed tab: the next refused start, logged after whatever the closing logged.
        var marker = await lab.NewStudentAsync();
        await marker.GotoAsync("/labs");
        await marker.ClickAsync($".lab-card[data-lab='{Lab2}'] button.start");
        await lab.Web.WaitForLogAsync(mark, "Could not start lab " + Lab2);
        await marker.Context.CloseAsync();
        var log = lab.Web.LogSince(mark);
        Assert.DoesNotContain(log, l => l.Contains("WebSocketException", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        Assert.Single(log, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("warn:", StringComparison.Ordinal));

        // A good `debian` replaces it: lab 2 starts.
        using (var client = lab.Daemon.Client())
            await client.ImportImageAsync(RootfsTar(withShell: true), "debian", "rootfs");
        var again = await lab.NewStudentAsync();
        await again.GotoAsync("/labs");
        await again.ClickAsync($".lab-card[data-lab='{Lab2}'] button.start");
        await again.WaitForPromptAsync();
        await again.Context.CloseAsync();
    }

    /// <summary>A tiny root filesystem: the host's static busybox as /bin/sh, or only a file (an image nothing can run in).</summary>
    private static MemoryStream RootfsTar(bool withShell)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "etc/") { Mode = (UnixFileMode)0x1ED });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "etc/motd") { DataStream = new MemoryStream("test image\n"u8.ToArray()), Mode = (UnixFileMode)0x1A4 });
            if (withShell)
            {
                writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0x1ED });
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "bin/busybox") { DataStream = File.OpenRead("/bin/busybox"), Mode = (UnixFileMode)0x1ED });
                foreach (string applet in new[] { "sh", "cat", "echo", "ls", "id" })
                    writer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox" });
            }
        }
        tar.Position = 0;
        return tar;
    }
}
