using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A daemon allowing 512 MiB per node, and a web tier that allows its students only 384 MiB of that.</summary>
public sealed class CeilingLab() : LabFixture(
    new Dictionary<string, string> { ["ContainerLab__MaxNodeMemory"] = "384m" },
    ["--max-node-memory", "512m"]);

/// <summary>Issue 8: the limit controls are bounded by the smaller of the web's and the daemon's ceilings.</summary>
public sealed class LimitCeilingTests(CeilingLab lab) : IClassFixture<CeilingLab>
{
    private const long MiB = 1L << 20;
    private const string Memory = ".limit-controls input[name=memory]";
    private const string Slider = ".limit-controls input[name=memory-slider]";

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_memory_control_stops_at_the_webs_ceiling_and_a_larger_value_is_refused_in_MiB_with_the_cgroup_unchanged()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.GotoAsync("/");
        Assert.Contains("You may raise a node's limits to 384 MiB memory", await page.InnerTextAsync(".limits-summary"));
        await page.StartAsync();
        await page.WaitForSelectorAsync(".limit-bounds[data-limit=memory]:has-text('up to 384 MiB per node')");
        Assert.Equal("384", await page.GetAttributeAsync(Memory, "max"));
        Assert.Equal("384", await page.GetAttributeAsync(Slider, "max"));

        // The slider pushed to its end gives 384 MiB: it cannot go further.
        await page.FocusAsync(Slider);
        await page.Keyboard.PressAsync("End");
        await page.WaitForFunctionAsync("s => document.querySelector(s).value === '384'", Memory);

        // 450 MiB is within the daemon's 512 MiB but above the web's 384: the web refuses it, in MiB, beside the control.
        await page.WaitForInteractiveAsync(); // a value typed into the prerendered input is lost when the circuit replaces it
        await page.FillAsync(Memory, "450");
        await page.ClickAsync(".limit-controls button[type=submit]");
        var refusal = page.Locator(".limit-row:has(input[name=memory]) .limit-message.refused");
        await refusal.WaitForAsync();
        Assert.Equal("Refused: memory 450 MiB is above this server's per-node ceiling of 384 MiB.", (await refusal.TextContentAsync())?.Trim());

        // Nothing reached the kernel: the node keeps the 256 MiB it was created with.
        var sandbox = Assert.Single(await lab.Daemon.Client().ListSandboxesAsync());
        Assert.Equal(256 * MiB, sandbox.Limits.MemoryBytes);
        Assert.Equal(256 * MiB, SandboxCgroupFiles.MemoryLimit(sandbox.CgroupPath));
        await page.Locator(".limit-controls").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "limit-ceiling-refused.png") });
        await page.Context.CloseAsync();

        // At phone width in the dark theme the controls still read: the same refusal, screenshot for a person to look at.
        var phone = await lab.NewStudentAsync(390, 844, ColorScheme.Dark);
        await phone.StartAsync();
        await phone.ShowPaneAsync("kernel");
        await phone.WaitForSelectorAsync(".limit-bounds[data-limit=memory]:has-text('up to 384 MiB per node')");
        await phone.WaitForInteractiveAsync(); // a value typed into the prerendered input is lost when the circuit replaces it
        await phone.FillAsync(Memory, "600");
        await phone.ClickAsync(".limit-controls button[type=submit]");
        await phone.WaitForSelectorAsync(".limit-message.refused:has-text(\"memory 600 MiB is above this server's per-node ceiling of 384 MiB\")");
        await phone.Locator(".limit-controls").ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync("limit-ceiling-phone-dark");
        await phone.Locator(".limit-controls").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "limit-ceiling-phone-dark-controls.png") });
        await phone.Context.CloseAsync();
    }
}
