using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>The diagrams beside the terminal follow what the student does (issue 4; pushed by the daemon's change stream).</summary>
public sealed partial class KernelPanelTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_background_sleep_appears_in_the_process_panel_with_two_different_pids()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        // The prompt can come before the circuit that draws the panels: the 5 s below are the panel's, from a live panel.
        await page.WaitForSelectorAsync(".processes-panel g.proc");
        await page.TypeAsync("sleep 300 &\n");
        var sleep = page.Locator("g.proc", new() { HasTextString = "sleep 300" });
        await sleep.WaitForAsync(new() { Timeout = 5000 });
        string text = await sleep.TextContentAsync() ?? "";
        var match = PidPair().Match(text);
        Assert.True(match.Success, text);
        Assert.NotEqual(match.Groups[1].Value, match.Groups[2].Value); // pid inside != pid on the host
        // root inside is the first uid of one of the daemon's 65536-id ranges outside.
        var uid = RootUid().Match(text);
        Assert.True(uid.Success, text);
        long outside = long.Parse(uid.Groups[1].Value);
        Assert.True(outside >= lab.Daemon.IdBase && (outside - lab.Daemon.IdBase) % 65536 == 0, $"{outside} is not a range start above {lab.Daemon.IdBase}");
        await page.ScreenshotAsync("kernel-panels");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The namespaces picture (issue 10): a process the student starts is drawn inside node1's region of every private
    /// kind and not inside the host's; the time namespace, shared with the host, is one region around both. A user
    /// namespace with a uts namespace of its own (the internals profile: `unshare -Uru`) is drawn as a region nested in
    /// node1's, in the user and uts rows, holding only that shell. Checked on the boxes chromium laid out, not on markup.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_started_process_is_drawn_inside_the_nodes_regions_and_unshare_nests_a_region_in_it()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.GotoAsync("/labs");
        await page.ClickAsync(".lab-card[data-lab='04-union-filesystems'] button.start"); // busybox, internals profile
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".namespaces-panel .ns-proc");
        await page.TypeAsync("sleep 4242 &\n");
        await page.WaitForSelectorAsync(".ns-row[data-kind=pid] .ns-proc[data-command=sleep]", new() { Timeout = 5000 });

        // Where each row draws the sleep: inside the sandbox's (or the shared) region's rectangle, outside the host's.
        const string placement = """
            (command) => [...document.querySelectorAll('.namespaces-panel .ns-row')].map((row) => {
                const inside = (mark, region) => { if (!mark || !region) return false;
                    const m = mark.querySelector('circle').getBoundingClientRect(), r = region.querySelector('rect.ns-area').getBoundingClientRect();
                    return m.left >= r.left && m.right <= r.right && m.top >= r.top && m.bottom <= r.bottom; };
                const mark = row.querySelector(`.ns-proc[data-command="${command}"]`);
                const owner = mark?.closest('.ns-region');
                return `${row.dataset.kind}:${owner?.classList.contains('role-sandbox') ? 'sandbox' : owner?.classList.contains('role-shared') ? 'shared' : owner ? 'other' : 'none'}`
                    + `:${inside(mark, owner)}:${inside(mark, row.querySelector('.role-host'))}`;
            })
            """;
        string[] rows = await page.EvaluateAsync<string[]>(placement, "sleep");
        foreach (string row in rows.Where(r => !r.StartsWith("time:", StringComparison.Ordinal)))
            Assert.Matches(@"^\w+:sandbox:true:false$", row);
        Assert.Contains(rows, r => r is "time:shared:true:false" or "time:sandbox:true:false"); // shared where the kernel has time namespaces

        await page.TypeAsync("unshare -Uru sh\n");
        await page.TypeAsync("echo nested-$((6*7)) $$\n");
        await page.WaitForScreenAsync("nested-42");
        foreach (string kind in new[] { "user", "uts" })
        {
            var nested = page.Locator($".ns-row[data-kind={kind}] .role-nested");
            await nested.Locator(".ns-proc[data-command=sh]").WaitForAsync(new() { Timeout = 5000 });
            Assert.Equal(1, await nested.Locator(".ns-proc").CountAsync()); // only the new shell
            bool nestedInSandbox = await page.EvaluateAsync<bool>("""
                (kind) => { const row = document.querySelector(`.namespaces-panel .ns-row[data-kind=${kind}]`);
                    const n = row.querySelector('.role-nested rect.ns-area').getBoundingClientRect();
                    const s = row.querySelector('.role-sandbox rect.ns-area').getBoundingClientRect();
                    return n.left > s.left && n.right < s.right && n.top > s.top && n.bottom < s.bottom; }
                """, kind);
            Assert.True(nestedInSandbox, $"the new {kind} region is not drawn inside node1's");
        }
        Assert.Equal(0, await page.Locator(".ns-row[data-kind=pid] .role-nested").CountAsync()); // -Uru makes no pid namespace
        await page.ScreenshotAsync("namespaces-picture-nested");

        // The same as text, for a screen reader or a copy.
        await page.ClickAsync(".namespaces-panel .view-toggle");
        Assert.Contains("(made inside node1): sh", await page.InnerTextAsync(".namespaces-panel dt[data-kind=uts] + dd"));
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Lowering_the_memory_limit_and_running_a_hog_shows_the_oom_kill()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.WaitForSelectorAsync(".limit-controls input[name=memory]");
        Assert.Equal("0", (await page.TextContentAsync(".oom-kills"))?.Trim());
        await page.WaitForInteractiveAsync(); // a value typed into the prerendered input is lost when the circuit replaces it
        await page.FillAsync(".limit-controls input[name=memory]", "32");
        await page.ClickAsync(".limit-controls button[type=submit]");
        await page.WaitForSelectorAsync(".limit-message:has-text('Applied: 32 MiB')");
        await page.TypeAsync($"{MemoryHog.Command("100m")}; echo hog-exit=$?\n");
        await page.WaitForScreenAsync("hog-exit=137", 20_000);
        // The kernel counts one kill or two (see MemoryHog): the panel shows its count.
        await page.WaitForFunctionAsync("() => Number(document.querySelector('.oom-kills')?.textContent.trim()) >= 1", null, new() { Timeout = 5000 });
        // Pushed by the change stream: the count flashes and an alert says what happened, beside the memory sparkline.
        await page.WaitForSelectorAsync(".cgroup-panel .oom-alert[role=alert]", new() { Timeout = 3000 });
        Assert.Contains("of 32 MiB", await page.TextContentAsync(".cgroup-panel") ?? "");
        await page.WaitForSelectorAsync(".cgroup-panel polyline.spark");
        await page.ScreenshotAsync("kernel-oom-kill");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The cgroup as a tree (issue 10): a memory hog's OOM kill is marked on the memory timeline where it happened (near
    /// "now", inside the plot chromium laid out), its marker is reached and opened by keyboard and explains the kill with
    /// the node's name and the limit; the node's branch of the tree names it. Then the same at a 390 px phone in dark,
    /// where nothing of the panel may overflow sideways.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_memory_hogs_oom_kill_appears_on_the_cgroup_timeline_and_its_marker_explains_it_by_keyboard()
    {
        foreach (var (width, height, scheme, name) in new[] { (1600, 1000, ColorScheme.Light, "desktop"), (390, 844, ColorScheme.Dark, "phone-dark") })
        {
            var page = await lab.NewStudentAsync(width, height, scheme);
            await page.StartAsync();
            await page.ShowPaneAsync("kernel");
            await page.WaitForSelectorAsync(".cgroup-panel .cg-tree-node.level-node");
            Assert.Equal("node1", (await page.TextContentAsync(".cgroup-panel .cg-tree-node.level-node .cg-name"))?.Trim());
            Assert.Equal(0, await page.Locator(".cgroup-panel g.cg-event").CountAsync());
            await OomKillAsync(page);

            var markers = page.Locator(".cgroup-panel .cg-timeline[data-resource=memory] g.cg-event[data-kind=oom]");
            var marker = markers.First;
            await marker.WaitForAsync(new() { Timeout = 5000 });
            Assert.InRange(await markers.CountAsync(), 1, 2); // the kernel kills once or twice (see MemoryHog)
            // Laid out: the band and its flag inside the memory plot, the band in the last quarter (the kill was seconds ago).
            string geometry = await page.EvaluateAsync<string>("""
                () => { const row = document.querySelector('.cgroup-panel .cg-timeline[data-resource=memory]');
                    const p = row.querySelector('rect.cg-plot-area').getBoundingClientRect();
                    const inside = (e) => { const b = e.getBoundingClientRect();
                        return b.width > 0 && b.left >= p.left - .5 && b.right <= p.right + .5 && b.top >= p.top - .5 && b.bottom <= p.bottom + .5; };
                    const band = row.querySelector('g.cg-event rect.cg-event-band'), flag = row.querySelector('g.cg-event circle.cg-event-flag');
                    const late = band.getBoundingClientRect().left >= p.left + .75 * p.width;
                    return `band:${inside(band)} flag:${inside(flag)} late:${late}`; }
                """);
            Assert.Equal("band:true flag:true late:true", geometry);
            // Nothing of the panel overflows sideways, at either width.
            bool fits = await page.EvaluateAsync<bool>("""
                () => { const panel = document.querySelector('.cgroup-panel').getBoundingClientRect();
                    return [...document.querySelectorAll('.cgroup-panel svg')].every((s) => { const b = s.getBoundingClientRect();
                        return b.left >= panel.left - .5 && b.right <= panel.right + .5; })
                        && document.documentElement.scrollWidth <= window.innerWidth; }
                """);
            Assert.True(fits, $"a part of the cgroup panel overflows at {width} px");
            // The hog climbed to the limit between readings: memory.peak's mark stands at the gauge's end.
            bool peakAtLimit = await page.EvaluateAsync<bool>("""
                () => { const bar = document.querySelector('.cgroup-panel g.bar[data-bar=memory]');
                    const t = bar.querySelector('rect.track').getBoundingClientRect(), p = bar.querySelector('line.peak').getBoundingClientRect();
                    return Math.abs((p.left + p.right) / 2 - t.right) <= 2; }
                """);
            Assert.True(peakAtLimit, "the memory gauge's peak mark is not at the limit after an OOM kill");

            // Keyboard: focus, then Enter opens the explanation; the marker says it is open.
            Assert.Equal("0", await marker.GetAttributeAsync("tabindex"));
            Assert.Contains("OOM kill", await marker.GetAttributeAsync("aria-label"));
            await marker.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            var note = page.Locator(".cgroup-panel .cg-event-note");
            await note.WaitForAsync(new() { Timeout = 5000 });
            string explanation = await note.TextContentAsync() ?? "";
            // One kill, or two: the hog, and at times a second victim taken before the first one's memory was uncharged.
            Assert.Matches($@"^(OOM kill at \d\d:\d\d:\d\d UTC: the kernel killed a process|2 OOM kills at \d\d:\d\d:\d\d UTC: the kernel killed 2 processes) because node1 reached {Regex.Escape(HostMemoryLimitFile)} \(32 MiB\)", explanation);
            Assert.Equal("true", await marker.GetAttributeAsync("aria-expanded"));

            await page.Locator(".cgroup-panel").ScrollIntoViewIfNeededAsync();
            await page.Locator(".cgroup-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, $"cgroup-tree-oom-{name}.png") });
            await page.Keyboard.PressAsync("Enter"); // again: closed
            await note.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5000 });
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// A busy loop at a quota of a tenth of a CPU is throttled in the periods of its run: one event (or two, should the
    /// loaded machine not give it even that tenth for a whole second), drawn as a band across seconds, not a marker per
    /// second, inside the CPU plot, whose explanation names the quota's file in the host's layout (cpu.max, cpu.cfs_quota_us).
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_throttled_busy_loop_is_a_band_not_a_marker_per_second_on_the_cpu_timeline()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.WaitForSelectorAsync(".limit-controls input[name=cpus]");
        await page.WaitForInteractiveAsync(); // a value typed into the prerendered input is lost when the circuit replaces it
        await page.FillAsync(".limit-controls input[name=cpus]", "0.1");
        await page.ClickAsync(".limit-controls button[type=submit]");
        await page.WaitForSelectorAsync(".limit-message:has-text('0.1 CPU')");
        await page.TypeAsync("timeout 5 sh -c 'while :; do :; done'; echo busy-$((6*7))\n");
        await page.WaitForScreenAsync("busy-42", 20_000); // the output, not the echoed command line

        var band = page.Locator(".cgroup-panel .cg-timeline[data-resource=cpu] g.cg-event[data-kind=throttle]");
        await band.First.WaitForAsync(new() { Timeout = 5000 });
        // The readings during the loop rose: a stretch of more than a second, inside the plot.
        string geometry = await page.EvaluateAsync<string>("""
            () => { const row = document.querySelector('.cgroup-panel .cg-timeline[data-resource=cpu]');
                const p = row.querySelector('rect.cg-plot-area').getBoundingClientRect();
                const bands = [...row.querySelectorAll('g.cg-event rect.cg-event-band')].map((b) => b.getBoundingClientRect());
                const widest = bands.reduce((w, b) => Math.max(w, b.width), 0);
                const inside = bands.every((b) => b.left >= p.left - .5 && b.right <= p.right + .5 && b.top >= p.top - .5 && b.bottom <= p.bottom + .5);
                return `few:${bands.length >= 1 && bands.length <= 2} long:${widest >= 1.5 / 60 * p.width} inside:${inside}`; }
            """);
        Assert.True(geometry == "few:true long:true inside:true", $"{geometry}: {await band.First.GetAttributeAsync("aria-label")}");
        await band.First.ClickAsync();
        Assert.Contains($"{(HostIsCgroupV2 ? "cpu.max" : "cpu.cfs_quota_us")} quota (0.1 CPU)", await page.TextContentAsync(".cgroup-panel .cg-event-note") ?? "");
        await page.Locator(".cgroup-panel .cg-timelines").ScrollIntoViewIfNeededAsync();
        await page.Locator(".cgroup-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "cgroup-tree-throttled.png") });
        await page.Context.CloseAsync();
    }

    /// <summary>Lowers the memory limit to 32 MiB and runs a hog (tail keeps its whole input) until the kernel kills it.</summary>
    private static async Task OomKillAsync(IPage page)
    {
        await page.ShowPaneAsync("kernel");
        await page.WaitForSelectorAsync(".limit-controls input[name=memory]");
        await page.WaitForInteractiveAsync(); // a value typed into the prerendered input is lost when the circuit replaces it
        await page.FillAsync(".limit-controls input[name=memory]", "32");
        await page.ClickAsync(".limit-controls button[type=submit]");
        await page.WaitForSelectorAsync(".limit-message:has-text('Applied: 32 MiB')");
        await page.TypeAsync($"{MemoryHog.Command("100m")}; echo hog-exit=$?\n");
        try { await page.WaitForScreenAsync("hog-exit=137", 20_000); }
        catch (TimeoutException) { await page.ScreenshotAsync("oom-hog-timed-out"); throw; }
        await page.ShowPaneAsync("kernel");
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task In_the_dark_theme_the_diagrams_read_and_their_parts_are_reached_and_explained_by_keyboard()
    {
        var page = await lab.NewStudentAsync(1600, 1000, ColorScheme.Dark);
        await page.StartAsync();
        await page.WaitForSelectorAsync(".cgroup-panel g.bar[data-bar=memory]");
        await page.WaitForSelectorAsync(".processes-panel g.proc");

        // Dark: the panels' text is light on a dark background (system colours follow color-scheme).
        string[] colours = await page.EvaluateAsync<string[]>("""
            () => { const p = document.querySelector('.cgroup-panel'); const s = getComputedStyle(p);
                    let b = p; while (b && getComputedStyle(b).backgroundColor === 'rgba(0, 0, 0, 0)') b = b.parentElement;
                    return [s.color, b ? getComputedStyle(b).backgroundColor : 'none']; }
            """);
        var (text, background) = (colours[0], colours[1]);
        Assert.True(Luminance(text) > Luminance(background) + 0.4, $"text {text} on {background} does not read in the dark theme");

        // Keyboard: Tab from the cgroup panel's heading reaches its bars, each announcing what it is and means.
        await page.FocusAsync(".cgroup-panel g.bar[data-bar=memory]");
        string label = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')");
        Assert.Contains("memory", label);
        Assert.Contains("OOM", label); // the explanation comes with it, not only on hover
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("pids", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('data-bar')"));
        await page.ScreenshotAsync("kernel-panels-dark");
        await page.Context.CloseAsync();
    }

    /// <summary>Relative luminance (0..1) of a CSS "rgb(r, g, b)" colour.</summary>
    private static double Luminance(string css)
    {
        var parts = Regex.Matches(css, @"[\d.]+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();
        static double Linear(double c) => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        return 0.2126 * Linear(parts[0]) + 0.7152 * Linear(parts[1]) + 0.0722 * Linear(parts[2]);
    }
    public async Task The_config_json_explains_its_lines_on_focus_and_hover_in_light_and_dark()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.ClickAsync("details.runtime-config > summary");
        var uidMappings = page.Locator(".config-line[data-path='linux.uidMappings']");
        await uidMappings.WaitForAsync(new() { Timeout = 5000 });
        var note = uidMappings.Locator(".config-note");
        Assert.False(await note.IsVisibleAsync());

        await uidMappings.FocusAsync();
        Assert.True(await note.IsVisibleAsync());
        var uid = ConfigRootUid().Match(await note.TextContentAsync() ?? "");
        Assert.True(uid.Success, await note.TextContentAsync());
        long outside = long.Parse(uid.Groups[1].Value);
        Assert.True(outside >= lab.Daemon.IdBase && (outside - lab.Daemon.IdBase) % 65536 == 0, $"{outside} is not a range start above {lab.Daemon.IdBase}");

        await uidMappings.EvaluateAsync("e => e.blur()");
        Assert.False(await note.IsVisibleAsync());

        var memory = page.Locator(".config-line[data-path='linux.resources.memory.limit']");
        await memory.HoverAsync();
        Assert.True(await memory.Locator(".config-note").IsVisibleAsync());
        Assert.Contains("MiB of memory", await memory.Locator(".config-note").TextContentAsync());
        Assert.True(await Brightness(memory.Locator(".config-note"), "color") < await Brightness(memory.Locator(".config-note"), "backgroundColor"));
        await page.ScreenshotAsync("config-json-light");

        await page.ClickAsync(".config-line[data-path='linux.seccomp.syscalls'] button.config-toggle");
        await page.Locator(".config-line[data-path='linux.seccomp.syscalls[0]']").WaitForAsync(new() { Timeout = 5000 });
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await memory.HoverAsync();
        // The note follows the colour scheme: light text on a dark box.
        Assert.True(await Brightness(memory.Locator(".config-note"), "color") > await Brightness(memory.Locator(".config-note"), "backgroundColor"));
        await page.ScreenshotAsync("config-json-dark");
        await page.Context.CloseAsync();
    }

    /// <summary>The sum of the red, green and blue channels of a computed colour (0 black .. 765 white).</summary>
    private static Task<int> Brightness(ILocator element, string property) =>
        element.EvaluateAsync<int>($"e => getComputedStyle(e).{property}.match(/\\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0)");

    [GeneratedRegex(@"root inside is uid (\d+) outside")]
    private static partial Regex ConfigRootUid();

    [GeneratedRegex(@"root \(host uid (\d+)\)")]
    private static partial Regex RootUid();

    [GeneratedRegex(@"pid (\d+) \(host (\d+)\)")]
    private static partial Regex PidPair();

    /// <summary>The panel names the files of the host's layout: v2 has cgroup.controllers at the root of /sys/fs/cgroup.</summary>
    private static bool HostIsCgroupV2 => File.Exists("/sys/fs/cgroup/cgroup.controllers");

    private static string HostMemoryLimitFile => HostIsCgroupV2 ? "memory.max" : "memory.limit_in_bytes";
}
