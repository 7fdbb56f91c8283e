using System.Globalization;
using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// The chain (issue 10, item 5): a limit change and a node start made in the page light every hop of browser -> web
/// -> containerlabd -> OCI runtime -> kernel with a measured time, the runtime naming its real call and the kernel the
/// value it holds; the hops' own times add up to what the browser measured from the click to the answer.
/// </summary>
public sealed partial class ChainTests(LabFixture lab) : IClassFixture<LabFixture>
{
    private const string Memory = ".limit-controls input[name=memory]";
    private static readonly string[] Hops = ["browser", "web", "daemon", "runtime", "kernel"];

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_limit_change_and_a_node_start_light_every_hop_with_its_time()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.WaitForInteractiveAsync(); // a value typed into the prerendered input is lost when the circuit replaces it
        await WaitForMeasuringAsync(page);
        Assert.Empty(await page.QuerySelectorAllAsync(".chain-ours.lit"));

        await page.FillAsync(Memory, "48");
        await page.ClickAsync(".limit-controls button[type=submit]");
        await page.WaitForSelectorAsync(".limit-message:has-text('Applied: 48 MiB')");
        var times = await MeasuredAsync(page, "limits");
        Assert.Matches(UpdateCall(), await HopTextAsync(page, "runtime", ".chain-title"));
        Assert.Contains((48L << 20).ToString(CultureInfo.InvariantCulture), await HopTextAsync(page, "kernel", ".chain-sub"));
        string summary = await page.InnerTextAsync(".chain-summary");
        Assert.Contains("limits of node1", summary);
        double browser = Ms(Regex.Match(summary, @"([\d.]+) ms from click to answer").Groups[1].Value);
        double rest = Ms(Regex.Match(await page.TextContentAsync(".chain-ours .chain-link[data-link='1'] text") ?? "", @"([\d.]+) ms").Groups[1].Value);
        // Each hop's own time is its total less the hop below: with the REST link they add up to the browser's total
        // (each rounded to 0.01 or 0.1 ms as shown).
        Assert.InRange(times.Values.Sum() + rest, browser - 0.5, browser + 0.5);
        await page.Locator(".chain-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "chain-limit-change-light.png") });

        await page.ClickAsync(".add-node");
        await page.WaitForSelectorAsync("li[data-node=node2].selected");
        await page.WaitForSelectorAsync(".chain-panel[data-trace-kind=node]");
        await MeasuredAsync(page, "node");
        Assert.Matches(StartCall(), await HopTextAsync(page, "runtime", ".chain-title"));
        Assert.Contains("overlay", await HopTextAsync(page, "kernel", ".chain-sub"));
        Assert.Contains("start node2", await page.InnerTextAsync(".chain-summary"));

        // The text view says the same for a screen reader.
        await page.ClickAsync(".chain-panel button.view-toggle");
        foreach (string hop in Hops)
            Assert.Matches(@"\d ms", await page.InnerTextAsync($".chain-text li[data-hop={hop}] .chain-ms"));
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_chain_reads_at_phone_width_in_the_dark_theme()
    {
        var phone = await lab.NewStudentAsync(390, 844, ColorScheme.Dark);
        await phone.StartAsync();
        await phone.ShowPaneAsync("kernel");
        await phone.WaitForInteractiveAsync();
        await WaitForMeasuringAsync(phone);
        await phone.FillAsync(Memory, "64");
        await phone.ClickAsync(".limit-controls button[type=submit]");
        await MeasuredAsync(phone, "limits");
        var panel = phone.Locator(".chain-panel");
        await panel.ScrollIntoViewIfNeededAsync();
        // ContainerLab's picture at nearly its own size (its text stays readable), Docker's below it, both on screen.
        var ours = await phone.Locator(".chain-picture.ours").BoundingBoxAsync();
        var theirs = await phone.Locator(".chain-picture.theirs").BoundingBoxAsync();
        Assert.NotNull(ours);
        Assert.NotNull(theirs);
        Assert.True(ours.X >= 0 && ours.X + ours.Width <= 390.5, $"ContainerLab's picture spans {ours.X}..{ours.X + ours.Width} px of a 390 px screen");
        Assert.True(ours.Width >= 300, $"ContainerLab's picture is squeezed to {ours.Width} px");
        Assert.True(theirs.Y >= ours.Y + ours.Height - 0.5, "Docker's picture is below ContainerLab's on a phone, not beside it");
        Assert.Equal(0, await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await panel.ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "chain-phone-dark.png") });
        await phone.Context.CloseAsync();
    }

    /// <summary>The panel's script notes clicks once the circuit has loaded it: a click before that is not timed.</summary>
    private static Task WaitForMeasuringAsync(IPage page) =>
        page.WaitForSelectorAsync(".chain-panel[data-measuring=true]", new() { State = WaitForSelectorState.Attached });

    /// <summary>Waits until the browser has reported its part of the <paramref name="kind"/> request; every hop's time, in ms.</summary>
    private static async Task<Dictionary<string, double>> MeasuredAsync(IPage page, string kind)
    {
        await page.WaitForSelectorAsync($".chain-panel[data-trace-kind={kind}][data-browser-measured=true] .chain-ours.lit",
            new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });
        var times = new Dictionary<string, double>();
        foreach (string hop in Hops)
        {
            string text = await HopTextAsync(page, hop, ".chain-ms");
            var match = Regex.Match(text, @"^([\d.]+) ms$");
            Assert.True(match.Success, $"{hop}: '{text}' is not a measured time");
            times[hop] = Ms(match.Groups[1].Value);
        }
        Assert.True(times["runtime"] > 0, "the runtime is a process: it takes time");
        return times;
    }

    private static async Task<string> HopTextAsync(IPage page, string hop, string part) =>
        (await page.TextContentAsync($".chain-ours .chain-hop[data-hop={hop}] {part}") ?? "").Trim(); // SVG text: no innerText

    private static double Ms(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(crun|runc) update")]
    private static partial Regex UpdateCall();

    [GeneratedRegex(@"^(crun|runc) (create|run)")]
    private static partial Regex StartCall();
}
