using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// Every screen size, the keyboard and an automated accessibility check (issue 10, items 6 and 7), on the pages a
/// student sees: the start page, the catalogue, a session's page and a guided lab's page.
/// </summary>
public sealed class LayoutTests(LabFixture lab) : IClassFixture<LabFixture>
{
    private const string Lab1 = "01-container-is-a-process";

    /// <summary>axe-core, a dev dependency of the front-end package (wwwroot-assets); never served by the web.</summary>
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "wwwroot-assets", "node_modules", "axe-core", "axe.min.js");

    [RootTheory("root, containerlabd, ContainerLab.Web and Debian chromium")]
    [InlineData(390, 844, ColorScheme.Light)]
    [InlineData(390, 844, ColorScheme.Dark)]
    [InlineData(768, 1024, ColorScheme.Light)]
    [InlineData(768, 1024, ColorScheme.Dark)]
    [InlineData(1400, 900, ColorScheme.Light)]
    [InlineData(1400, 900, ColorScheme.Dark)]
    public async Task No_page_is_wider_than_the_screen(int width, int height, ColorScheme scheme)
    {
        var page = await lab.NewStudentAsync(width, height, scheme);
        string tag = $"{width}-{scheme.ToString().ToLowerInvariant()}";
        await page.GotoAsync("/");
        await AssertFitsAsync(page, "the start page", width);
        await page.ScreenshotAsync($"layout-home-{tag}");
        await page.GotoAsync("/labs");
        await AssertFitsAsync(page, "the catalogue", width);
        await page.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".workspace[data-interactive=true] .namespaces-panel .ns-proc", new() { State = WaitForSelectorState.Attached });
        await AssertFitsAsync(page, "a lab's page", width);
        await page.ScreenshotAsync($"layout-lab-{tag}");
        if (width < 768)
        {
            await page.ClickAsync(".pane-tabs [data-pane-target=kernel]");
            await page.WaitForSelectorAsync(".namespaces-panel");
            await AssertFitsAsync(page, "a lab's kernel panels", width);
            await page.ScreenshotAsync($"layout-lab-kernel-{tag}");
        }
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task On_a_phone_the_terminal_has_the_width_and_the_guide_and_the_panels_are_a_tab_away()
    {
        var page = await lab.NewStudentAsync(390, 844);
        await page.GotoAsync("/labs");
        await page.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".workspace[data-interactive=true]");

        // The terminal first, across the whole width; the guide and the panels are not squeezed beside it.
        var terminal = await page.Locator(TerminalPage.Visible).BoundingBoxAsync();
        Assert.True(terminal is { Width: >= 370, Height: >= 500 }, $"terminal {terminal?.Width} x {terminal?.Height} at 390 x 844");
        Assert.False(await page.IsVisibleAsync(".lab-guide"));
        Assert.False(await page.IsVisibleAsync(".kernel-panels"));

        await page.ClickAsync(".pane-tabs [data-pane-target=side]");
        await page.WaitForSelectorAsync(".lab-guide", new() { State = Microsoft.Playwright.WaitForSelectorState.Visible });
        Assert.False(await page.IsVisibleAsync(TerminalPage.Visible));
        Assert.Equal("true", await page.GetAttributeAsync(".pane-tabs [data-pane-target=side]", "aria-selected"));

        // Run in the guide types into the terminal, which comes to the front with the answer.
        await page.ClickAsync(".lab-guide button:has-text('Next step')");
        await page.ClickAsync(".lab-guide .code-run");
        await page.WaitForSelectorAsync(TerminalPage.Visible);
        string release = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim();
        await page.WaitForScreenAsync(release);
        Assert.Equal("true", await page.GetAttributeAsync(".pane-tabs [data-pane-target=terminal]", "aria-selected"));

        // The arrow keys move between the tabs.
        await page.FocusAsync(".pane-tabs [data-pane-target=terminal]");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("kernel", await page.EvaluateAsync<string>("() => document.activeElement.dataset.paneTarget"));
        await page.WaitForSelectorAsync(".namespaces-panel .ns-region");
        Assert.False(await page.IsVisibleAsync(TerminalPage.Visible));
        await page.ScreenshotAsync("layout-phone-kernel-tab");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// A student on a phone taps Kernel while the circuit still connects. The circuit's first render replaces the
    /// prerendered workspace, which before put the terminal back to the front (ChainTests' phone test then found the
    /// limit controls hidden). The circuit is held back here until the tab is chosen.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_part_chosen_on_a_phone_before_the_circuit_comes_stays_chosen_after_it()
    {
        var page = await lab.NewStudentAsync(390, 844);
        var release = await page.HoldCircuitAsync();
        await page.GotoAsync("/");
        await page.ClickAsync("#start");
        await page.WaitForSelectorAsync(".pane-tabs [data-pane-target=kernel]");
        await page.ClickAsync(".pane-tabs [data-pane-target=kernel]");
        Assert.Equal("kernel", await page.GetAttributeAsync(".workspace", "data-pane"));
        Assert.False(await page.EvaluateAsync<bool>("() => document.querySelector('.workspace').dataset.interactive === 'true'"));

        release.SetResult();
        await page.WaitForInteractiveAsync();
        Assert.Equal("kernel", await page.GetAttributeAsync(".workspace", "data-pane"));
        Assert.Equal("true", await page.GetAttributeAsync(".pane-tabs [data-pane-target=kernel]", "aria-selected"));
        // The limit controls fill in once the daemon's limits arrive (a CI run looked before they had): wait for them.
        await page.WaitForSelectorAsync(".limit-controls input[name=memory]", new() { State = Microsoft.Playwright.WaitForSelectorState.Visible });
        Assert.False(await page.IsVisibleAsync(TerminalPage.Visible));

        // A page opened afresh starts on the terminal again.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await page.WaitForSelectorAsync(TerminalPage.Visible, new() { State = Microsoft.Playwright.WaitForSelectorState.Visible });
        await page.Context.CloseAsync();
    }

    /// <summary>A code block's Run button sits beside its code and never covers it, however long the command.</summary>
    [RootTheory("root, containerlabd, ContainerLab.Web and Debian chromium")]
    [InlineData(390, 844)]
    [InlineData(1400, 900)]
    public async Task A_run_button_sits_beside_its_code_and_never_over_it(int width, int height)
    {
        var page = await lab.NewStudentAsync(width, height);
        await page.GotoAsync("/labs");
        await page.ClickAsync(".lab-card[data-lab='04-union-filesystems'] button.start"); // its first step's command is long
        await page.WaitForPromptAsync();
        if (width < 768)
            await page.ClickAsync(".pane-tabs [data-pane-target=side]");
        await page.WaitForSelectorAsync(".lab-guide .code-block.run");
        string[] overlaps = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.lab-guide .code-block')].flatMap((block) => {
                const code = block.querySelector('pre').getBoundingClientRect();
                return [...block.querySelectorAll('button')].map((b) => b.getBoundingClientRect())
                    .filter((b) => b.left < code.right && b.right > code.left && b.top < code.bottom && b.bottom > code.top)
                    .map(() => block.dataset.code);
            })
            """);
        Assert.Empty(overlaps);
        await page.ScreenshotAsync($"layout-code-block-{width}");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Tab from the top of a lab's page reaches every control, each showing where the focus is. The terminal keeps Tab
    /// for the shell, so the skip button before it carries the focus past it, to the kernel panels.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task The_keyboard_reaches_every_control_of_a_labs_page_with_a_visible_focus()
    {
        var page = await lab.NewStudentAsync(1400, 900);
        await page.GotoAsync("/labs");
        await page.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".workspace[data-interactive=true] .namespaces-panel .ns-proc");
        await page.WaitForSelectorAsync(".startup-panel");
        // The circuit's TerminalView shows the terminal once, taking the focus if nothing has it: after that, not before.
        await page.WaitForSelectorAsync("[data-shown=true]", new() { State = WaitForSelectorState.Attached });
        // Start from the top: a click on the banner (nothing focusable) moves the point Tab starts from, as for a person.
        await page.ClickAsync(".limits-banner", new() { Position = new() { X = 2, Y = 2 } });

        // The controls there are now; one that appears during the walk (a sparkline after its first readings) may come
        // after the point the walk passed.
        var before = await page.EvaluateAsync<string[]>(AllControls);
        var reached = new List<string>();
        string ended = "400 presses";
        var invisible = new List<string>();
        bool skipped = false;
        for (int press = 0; press < 400; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>(FocusedControl);
            if (focus[0] == "") { ended = "the page itself"; break; } // the walk went round
            if (focus[0].Contains("xterm-helper-textarea", StringComparison.Ordinal))
                throw new InvalidOperationException($"the walk went into the terminal before its skip button, after: {string.Join(" | ", reached.TakeLast(3))}");
            if (reached.Contains(focus[0])) { ended = "a control reached before: " + focus[0]; break; }
            reached.Add(focus[0]);
            if (focus[1] != "visible") invisible.Add(focus[0]);
            if (!skipped && focus[0].Contains("skip-terminal", StringComparison.Ordinal))
            {
                await page.Keyboard.PressAsync("Enter");
                Assert.Equal("pane-kernel", await page.EvaluateAsync<string>("() => document.activeElement.id"));
                skipped = true;
            }
        }
        Assert.True(skipped, "no skip button before the terminal:\n" + string.Join('\n', reached));
        Assert.Empty(invisible);
        string[] controls = [.. (await page.EvaluateAsync<string[]>(AllControls)).Intersect(before)];
        var missed = controls.Where(c => !reached.Contains(c)).ToList();
        Assert.True(missed.Count == 0, $"{missed.Count} of {controls.Length} controls not reached by Tab:\n" + string.Join('\n', missed.Take(20))
            + "\nthe last ones reached:\n" + string.Join('\n', reached.TakeLast(4)) + $"\nthe walk ended on: {ended}");
        await page.Context.CloseAsync();
    }

    [RootTheory("root, containerlabd, ContainerLab.Web and Debian chromium")]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Axe_finds_no_serious_or_critical_problem_on_the_start_a_session_a_lab_and_the_sign_in_page(ColorScheme scheme)
    {
        Assert.True(File.Exists(AxeScript), $"{AxeScript} is missing: npm ci in wwwroot-assets (the web's build does it)");
        var page = await lab.NewStudentAsync(1400, 900, scheme);
        var problems = new List<string>();
        await page.GotoAsync("/");
        problems.AddRange(await AxeAsync(page, "start page"));
        await page.ClickAsync("#start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".workspace[data-interactive=true] .namespaces-panel .ns-proc");
        problems.AddRange(await AxeAsync(page, "session page"));
        await page.Context.CloseAsync();

        page = await lab.NewStudentAsync(1400, 900, scheme);
        await page.GotoAsync("/labs");
        problems.AddRange(await AxeAsync(page, "catalogue"));
        await page.ClickAsync($".lab-card[data-lab='{Lab1}'] button.start");
        await page.WaitForPromptAsync();
        await page.WaitForSelectorAsync(".workspace[data-interactive=true] .namespaces-panel .ns-proc");
        problems.AddRange(await AxeAsync(page, "lab page"));
        await page.GotoAsync("/account/login");
        problems.AddRange(await AxeAsync(page, "sign-in page"));
        await page.ClickAsync("button[type=submit]"); // empty: the form's own messages
        await page.WaitForSelectorAsync(".validation-message");
        problems.AddRange(await AxeAsync(page, "sign-in page with its messages"));
        await page.Context.CloseAsync();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static async Task AssertFitsAsync(IPage page, string what, int width)
    {
        int scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{what} is {scrollWidth} px wide on a {width} px screen");
    }

    /// <summary>axe-core's serious and critical violations, one line per element.</summary>
    private static async Task<IEnumerable<string>> AxeAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new() { Path = AxeScript });
        string[] found = await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}): ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`))
            """);
        return found.Select(f => $"{what}: {f}");
    }

    /// <summary>A name for the focused element, and whether the focus shows: an outline, or for a diagram part its drawn highlight.</summary>
    private const string FocusedControl = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body || e === document.documentElement) return ['', ''];
            const name = (el) => { const path = []; for (let n = el; n && n.nodeType === 1 && n !== document.body; n = n.parentElement) {
                const i = n.parentElement ? [...n.parentElement.children].indexOf(n) : 0; path.unshift(`${n.tagName.toLowerCase()}${n.id ? '#' + n.id : ''}${n.classList.length ? '.' + [...n.classList].filter(c => !c.startsWith('b-')).join('.') : ''}:${i}`); }
                return path.join('>'); };
            const s = getComputedStyle(e);
            let visible = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
            if (!visible && e instanceof SVGElement) {
                const rect = e.querySelector(':scope > rect'), text = e.querySelector(':scope > text');
                visible = (rect && parseFloat(getComputedStyle(rect).strokeWidth) >= 2.5)
                       || (text && getComputedStyle(text).textDecorationLine.includes('underline'));
            }
            return [name(e), visible ? 'visible' : `not visible (${s.outlineStyle} ${s.outlineWidth})`];
        }
        """;

    /// <summary>Every control the keyboard should reach, named as <see cref="FocusedControl"/> names them.</summary>
    private const string AllControls = """
        () => {
            const name = (el) => { const path = []; for (let n = el; n && n.nodeType === 1 && n !== document.body; n = n.parentElement) {
                const i = n.parentElement ? [...n.parentElement.children].indexOf(n) : 0; path.unshift(`${n.tagName.toLowerCase()}${n.id ? '#' + n.id : ''}${n.classList.length ? '.' + [...n.classList].filter(c => !c.startsWith('b-')).join('.') : ''}:${i}`); }
                return path.join('>'); };
            return [...document.querySelectorAll('a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, summary, [tabindex]')]
                .filter((e) => e.tabIndex >= 0 && !e.closest('[hidden], [inert]') && !e.classList.contains('xterm-helper-textarea')
                    && e.checkVisibility({ visibilityProperty: true }) && !e.closest('.xterm')
                    && !(e.closest('details:not([open])') && e.tagName !== 'SUMMARY'))
                .map(name);
        }
        """;
}
