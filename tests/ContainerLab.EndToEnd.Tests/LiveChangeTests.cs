using System.Diagnostics;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A web tier whose nodes use the internals profile, so students can create namespaces themselves.</summary>
public sealed class InternalsLab() : LabFixture(new Dictionary<string, string> { ["ContainerLab__Profile"] = "internals" });

/// <summary>What the student does shows in the diagrams within 2 s.</summary>
public sealed class LiveChangeTests(InternalsLab lab) : IClassFixture<InternalsLab>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_nested_pid_namespace_appears_within_two_seconds()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.WaitForSelectorAsync(".ns-row[data-kind=pid] .role-sandbox");
        Assert.Equal(0, await page.Locator(".ns-row[data-kind=pid] .role-nested").CountAsync());
        // The internals profile grants no CAP_SYS_ADMIN: a student makes a user namespace first (-Ur), which gives it inside.
        await page.TypeAsync("unshare -Urpf --mount-proc sh\n");
        var clock = Stopwatch.StartNew();
        await page.WaitForSelectorAsync(".ns-row[data-kind=pid] .role-nested", new() { Timeout = 5000 });
        Assert.True(clock.Elapsed < Within, $"the new pid namespace took {clock.Elapsed.TotalMilliseconds:0} ms to show");
        await page.ScreenshotAsync("kernel-nested-pid-namespace");
        await page.TypeAsync("exit\n");
        await page.WaitForSelectorAsync(".ns-row[data-kind=pid] .role-nested", new() { State = Microsoft.Playwright.WaitForSelectorState.Detached, Timeout = 5000 });
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_deleted_image_file_shows_as_a_whiteout_and_a_new_file_as_added_within_two_seconds()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.WaitForSelectorAsync(".overlay-panel");
        await page.TypeAsync("rm /bin/vi; echo x > /root/new\n");
        var clock = Stopwatch.StartNew();
        await page.WaitForSelectorAsync(".overlay-panel .change[data-kind=deleted]:has-text('/bin/vi')", new() { Timeout = 5000 });
        await page.WaitForSelectorAsync(".overlay-panel .change[data-kind=added]:has-text('/root/new')", new() { Timeout = 5000 });
        Assert.True(clock.Elapsed < Within, $"the changes took {clock.Elapsed.TotalMilliseconds:0} ms to show");
        await page.ScreenshotAsync("kernel-overlay-changes");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Clicking_the_writable_layer_shows_the_whiteout_and_the_new_file_in_its_tree()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.WaitForSelectorAsync(".overlay-panel");
        await page.TypeAsync("rm /bin/vi; echo x > /root/new\n");
        await page.WaitForSelectorAsync(".overlay-panel .change[data-kind=deleted]:has-text('/bin/vi')", new() { Timeout = 5000 });

        // The plate's label: its middle is covered by the change rows, each with its own explanation on hover.
        await page.ClickAsync(".overlay-panel g.writable g[role=button] .layer-name");
        await page.WaitForSelectorAsync(".layer-tree h4:has-text('Files of the writable layer')");
        Assert.Equal("true", await page.GetAttributeAsync(".overlay-panel g.writable g[role=button]", "aria-expanded"));
        await page.ClickAsync(".layer-tree li[data-path='/bin']");
        var vi = page.Locator(".layer-tree li[data-path='/bin/vi']");
        await vi.WaitForAsync(new() { Timeout = 5000 });
        Assert.Equal("deleted", await vi.GetAttributeAsync("data-change"));
        Assert.Equal("−", (await vi.Locator(".marker").TextContentAsync())?.Trim());
        // Keyboard: down from /bin past /bin/vi (and whatever else the runtime created at the root) to /root, open it with
        // Enter. Each key is a round trip to the server and back (the focus moves after the re-render), so wait for it.
        await page.FocusAsync(".layer-tree li[data-path='/bin']");
        await page.Keyboard.PressAsync("ArrowDown");
        await WaitForFocusAsync(page, "/bin/vi");
        for (int i = 0; i < 10 && await ActivePathAsync(page) != "/root"; i++)
        {
            string? before = await ActivePathAsync(page);
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForFunctionAsync("before => document.activeElement?.dataset?.path !== before", before, new() { Timeout = 5000 });
        }
        Assert.Equal("/root", await ActivePathAsync(page));
        await page.Keyboard.PressAsync("Enter");
        var added = page.Locator(".layer-tree li[data-path='/root/new']");
        await added.WaitForAsync(new() { Timeout = 5000 });
        Assert.Equal("added", await added.GetAttributeAsync("data-change"));
        await page.ScreenshotAsync("kernel-layer-tree");
        await page.EmulateMediaAsync(new() { ColorScheme = Microsoft.Playwright.ColorScheme.Dark });
        await page.ScreenshotAsync("kernel-layer-tree-dark");

        await page.ClickAsync(".layer-tree button.layer-tree-close");
        await page.WaitForSelectorAsync(".layer-tree", new() { State = Microsoft.Playwright.WaitForSelectorState.Detached, Timeout = 5000 });
        await page.Context.CloseAsync();
    }

    private static Task WaitForFocusAsync(Microsoft.Playwright.IPage page, string path) =>
        page.WaitForFunctionAsync("path => document.activeElement?.dataset?.path === path", path, new() { Timeout = 5000 });

    private static Task<string?> ActivePathAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.path ?? null");
}
