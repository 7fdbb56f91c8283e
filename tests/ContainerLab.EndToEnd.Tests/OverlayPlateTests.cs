using System.Diagnostics;
using System.Text.Json;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// The overlay as stacked plates (issue 10): what the student does to files lights the writable plate, named for what
/// overlayfs did. Checked on the boxes chromium laid out, at desktop and phone width, light and dark.
/// </summary>
public sealed class OverlayPlateTests(InternalsLab lab) : IClassFixture<InternalsLab>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    /// <summary>Records every change that lit up and every flash of the plate, from before the commands run.</summary>
    private const string WatchLights = """
        () => { window.__lit = new Set(); window.__flashes = 0;
            const note = (el) => { if (!(el instanceof Element)) return;
                if (el.matches('.overlay-panel g.change.fresh')) window.__lit.add(el.dataset.kind + ' ' + el.dataset.path);
                if (el.matches('.overlay-panel rect.plate-flash')) window.__flashes++;
                el.querySelectorAll?.('g.change.fresh, rect.plate-flash').forEach(note); };
            new MutationObserver((records) => records.forEach((r) => r.type === 'attributes' ? note(r.target) : r.addedNodes.forEach(note)))
                .observe(document.querySelector('.overlay-panel'), { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] }); }
        """;

    /// <summary>For each change: on which plate its badge lies (by the laid-out boxes), and whether the picture fits the page's width.</summary>
    private const string Placement = """
        () => { const panel = document.querySelector('.overlay-panel');
            const box = (el) => el.getBoundingClientRect();
            const inside = (a, b) => a.left >= b.left - .5 && a.right <= b.right + .5 && a.top >= b.top - .5 && a.bottom <= b.bottom + .5;
            const centre = (a) => ({ left: (a.left + a.right) / 2, right: (a.left + a.right) / 2, top: (a.top + a.bottom) / 2, bottom: (a.top + a.bottom) / 2 });
            const plates = [...panel.querySelectorAll('g.layer')].map((g) => ({ name: g.classList.contains('writable') ? 'writable' : 'layer' + g.dataset.layer,
                rect: box(g.querySelector('rect.plate')) }));
            const plateOf = (el) => plates.filter((p) => inside(box(el), p.rect)).map((p) => p.name).join('+') || 'none';
            const changes = Object.fromEntries([...panel.querySelectorAll('g.change')].map((g) =>
                [g.dataset.path, { kind: g.dataset.kind, badge: g.querySelector('.badge-text').textContent, plate: plateOf(g),
                    struck: getComputedStyle(g.querySelector('.change-path')).textDecorationLine }]));
            const connectors = Object.fromEntries([...panel.querySelectorAll('g.connector')].map((g) => {
                const mark = g.querySelector('circle'), arrow = g.querySelector('polygon');
                return [g.dataset.path, { kind: [...g.classList].find((c) => c.startsWith('connector-')), origin: g.dataset.origin,
                    markOn: plates.filter((p) => inside(centre(box(mark)), p.rect)).map((p) => p.name).join('+') || 'none',
                    arrowOn: plates.filter((p) => inside(centre(box(arrow)), p.rect)).map((p) => p.name).join('+') || 'none' }]; }));
            const svg = box(panel.querySelector('svg'));
            const spills = [...panel.querySelectorAll('svg text')].filter((t) => !inside(box(t), svg)).map((t) => t.textContent);
            return { changes, connectors, spills, fits: svg.right <= document.documentElement.clientWidth + .5 && svg.left >= -.5
                && document.documentElement.scrollWidth <= document.documentElement.clientWidth, width: svg.width }; }
        """;

    /// <summary>The lowest contrast (WCAG) of each badge's words on its fill, and of each plate's words on the plate.</summary>
    private const string Contrasts = """
        () => { const rgb = (css) => { const n = css.match(/[\d.]+/g).map(Number);
                return css.startsWith('color(') ? n.slice(0, 3).map((v) => v * 255) : n.slice(0, 3); };
            const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
                return .2126 * r + .7152 * g + .0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + .05) / (y + .05); };
            const panel = document.querySelector('.overlay-panel');
            const worst = (pairs) => Math.min(...pairs.map(([text, ground]) => ratio(getComputedStyle(text).fill, getComputedStyle(ground).fill)));
            return { badges: worst([...panel.querySelectorAll('g.change')].map((g) => [g.querySelector('.badge-text'), g.querySelector('rect.badge')])),
                paths: worst([...panel.querySelectorAll('g.change .change-path')].map((t) => [t, panel.querySelector('g.writable rect.plate')])),
                layers: worst([...panel.querySelectorAll('g.image-layer')].flatMap((g) => [...g.querySelectorAll('text')].map((t) => [t, g.querySelector('rect.plate')]))) }; }
        """;

    private static async Task AssertContrastAsync(IPage page, string where)
    {
        var contrasts = await page.EvaluateAsync<JsonElement>(Contrasts);
        foreach (string part in new[] { "badges", "paths", "layers" })
            Assert.True(contrasts.GetProperty(part).GetDouble() >= 4.5, $"{where}: the {part}' words are below 4.5:1: {contrasts}");
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Touch_an_edit_and_rm_of_image_files_light_the_writable_plate_as_added_copied_up_and_whited_out()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        await page.WaitForSelectorAsync(".overlay-panel g.layer.writable");
        await page.EvaluateAsync(WatchLights);

        // /etc/group and /bin/vi are the busybox image's (the runtime bind-mounts only hostname, hosts and resolv.conf).
        await page.TypeAsync("touch /root/new-file; echo '# lab' >> /etc/group; rm /bin/vi\n");
        var clock = Stopwatch.StartNew();
        await page.WaitForSelectorAsync(".overlay-panel g.change[data-kind=added][data-path='/root/new-file']", new() { Timeout = 5000 });
        await page.WaitForSelectorAsync(".overlay-panel g.change[data-kind=modified][data-path='/etc/group']", new() { Timeout = 5000 });
        await page.WaitForSelectorAsync(".overlay-panel g.change[data-kind=deleted][data-path='/bin/vi']", new() { Timeout = 5000 });
        Assert.True(clock.Elapsed < Within, $"the changes took {clock.Elapsed.TotalMilliseconds:0} ms to show");
        await page.ScreenshotAsync("overlay-plates-lit");
        await page.Locator(".overlay-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "overlay-plates-panel-lighting.png") });

        // Each lit up as it arrived, and the writable plate flashed.
        string[] lit = await page.EvaluateAsync<string[]>("() => [...window.__lit].sort()");
        Assert.Contains("added /root/new-file", lit);
        Assert.Contains("modified /etc/group", lit);
        Assert.Contains("deleted /bin/vi", lit);
        Assert.True(await page.EvaluateAsync<int>("() => window.__flashes") >= 1, "the writable plate never lit");

        // The copy-up's line reaches from the image plate that holds /etc/group; the whiteout's hole is punched there.
        await page.WaitForSelectorAsync(".overlay-panel g.connector-modified[data-path='/etc/group']", new() { Timeout = 5000 });
        await page.WaitForSelectorAsync(".overlay-panel g.connector-deleted[data-path='/bin/vi']", new() { Timeout = 5000 });
        await AssertPlacementAsync(page, "desktop");

        // The light is an animation; under prefers-reduced-motion only the lasting mark is left.
        Assert.StartsWith("badge-light", await FreshAnimationAsync(page, "/root/lit-file"));
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        Assert.Equal("none", await FreshAnimationAsync(page, "/root/calm-file"));
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.NoPreference });
        await page.Locator(".overlay-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "overlay-plates-panel.png"), Animations = ScreenshotAnimations.Disabled });

        await AssertContrastAsync(page, "light");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await AssertContrastAsync(page, "dark");
        await page.Locator(".overlay-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "overlay-plates-panel-dark.png"), Animations = ScreenshotAnimations.Disabled });

        // A phone: the kernel panels are a tab away; the picture scales down to the width and nothing overflows.
        await page.SetViewportSizeAsync(390, 844);
        await page.ClickAsync(".pane-tabs [data-pane-target=kernel]");
        await page.WaitForSelectorAsync(".overlay-panel g.layer.writable");
        await page.Locator(".overlay-panel").ScrollIntoViewIfNeededAsync();
        await AssertPlacementAsync(page, "phone");
        await page.Locator(".overlay-panel").ScreenshotAsync(new() { Path = Path.Combine(LabFixture.ScreenshotDirectory, "overlay-plates-panel-dark-390.png"), Animations = ScreenshotAnimations.Disabled });
        await page.Context.CloseAsync();
    }

    /// <summary>Touches <paramref name="path"/> and returns the animation its badge runs while it is lit.</summary>
    private static async Task<string> FreshAnimationAsync(IPage page, string path)
    {
        await page.TypeAsync($"touch {path}\n");
        var name = await page.WaitForFunctionAsync("""
            (path) => { const badge = document.querySelector(`.overlay-panel g.change.fresh[data-path="${path}"] rect.badge`);
                return badge ? getComputedStyle(badge).animationName : null; }
            """, path, new() { Timeout = 5000 });
        return await name.JsonValueAsync<string>();
    }

    /// <summary>The image's layers are unpacked once and mounted under every sandbox of the image: the plates say how many.</summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_image_plates_say_how_many_sandboxes_share_them()
    {
        var page = await lab.NewStudentAsync(1600, 1000);
        await page.StartAsync();
        // Read from the caption that matched, in the same look (a CI run read another caption element than the one
        // the wait had matched: 'read-only image layers (lowerdirs)').
        int before = Shared(await CaptionWithAsync(page, "busybox"));

        await page.ClickAsync(".add-node");
        await page.WaitForSelectorAsync("li[data-node=node2].selected");
        await page.WaitForPromptAsync();
        // node2's panel reads the daemon's list when it opens: node1 and node2 (and any other test's busybox sandbox).
        string caption = await CaptionWithAsync(page, "shared by");
        Assert.True(Shared(caption) >= Math.Max(2, before + 1), caption);
        Assert.Contains("node2", await page.GetAttributeAsync(".overlay-panel .image-caption", "aria-label"));
        await page.Context.CloseAsync();
    }

    /// <summary>The text of the first overlay caption that contains <paramref name="text"/>, once one does.</summary>
    private static async Task<string> CaptionWithAsync(IPage page, string text) =>
        await (await page.WaitForFunctionAsync(
            "t => [...document.querySelectorAll('.kernel-panels .overlay-panel .image-caption text')].map(e => e.textContent).find(c => c.includes(t)) ?? null",
            text, new() { Timeout = 5000 })).JsonValueAsync<string>();

    /// <summary>"read-only · busybox · shared by 3 sandboxes" is 3; "only node1 uses it" is 1.</summary>
    private static int Shared(string caption) =>
        System.Text.RegularExpressions.Regex.Match(caption, @"shared by (\d+) sandboxes") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : caption.Contains(" uses it", StringComparison.Ordinal) ? 1 : throw new Xunit.Sdk.XunitException($"no sharing in '{caption}'");

    private static async Task AssertPlacementAsync(IPage page, string where)
    {
        var placement = await page.EvaluateAsync<JsonElement>(Placement);
        string json = placement.ToString();
        var changes = placement.GetProperty("changes");
        Assert.True(placement.GetProperty("fits").GetBoolean(), $"{where}: the picture overflows: {json}");
        Assert.True(placement.GetProperty("spills").GetArrayLength() == 0, $"{where}: text runs out of the picture: {json}");
        foreach (var (path, kind, badge) in new[] { ("/root/new-file", "added", "+ added"), ("/etc/group", "modified", "~ copied up"), ("/bin/vi", "deleted", "− whiteout") })
        {
            var change = changes.GetProperty(path);
            Assert.Equal(kind, change.GetProperty("kind").GetString());
            Assert.Equal(badge, change.GetProperty("badge").GetString());
            Assert.True(change.GetProperty("plate").GetString() == "writable", $"{where}: {path} is not drawn on the writable plate: {json}");
        }
        Assert.Contains("line-through", changes.GetProperty("/bin/vi").GetProperty("struck").GetString());
        Assert.DoesNotContain("line-through", changes.GetProperty("/etc/group").GetProperty("struck").GetString());
        var connectors = placement.GetProperty("connectors");
        foreach (string path in new[] { "/etc/group", "/bin/vi" })
        {
            var connector = connectors.GetProperty(path);
            string origin = connector.GetProperty("origin").GetString()!;
            Assert.True(connector.GetProperty("markOn").GetString() == "layer" + origin, $"{where}: {path}'s original is not marked on layer {origin}: {json}");
        }
        // The copy-up's arrow points into the writable plate (the file went up); the whiteout's into the lower plate.
        Assert.Equal("writable", connectors.GetProperty("/etc/group").GetProperty("arrowOn").GetString());
        Assert.StartsWith("layer", connectors.GetProperty("/bin/vi").GetProperty("arrowOn").GetString());
    }
}
