using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>A student in a real browser, against the real web tier and daemon.</summary>
public sealed partial class TerminalTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Start_gives_a_prompt_in_a_sandbox_on_the_hosts_kernel()
    {
        var page = await lab.NewStudentAsync();
        var elapsed = await page.StartAsync();
        await page.TypeAsync("echo $((6*7)); uname -r\n");
        await page.WaitForScreenAsync("\n42\n");
        await page.WaitForScreenAsync("\n" + File.ReadAllText("/proc/sys/kernel/osrelease").Trim() + "\n"); // the host's kernel
        await page.ScreenshotAsync("terminal-start");
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"Start to prompt took {elapsed}");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Resizing_the_window_changes_stty_size()
    {
        var page = await lab.NewStudentAsync(1200, 800);
        await page.StartAsync();
        var before = await SttySizeAsync(page);
        await page.SetViewportSizeAsync(800, 500);
        // ResizeObserver -> fit -> Resize call -> TIOCSWINSZ: ask the shell until it sees the new size (or 10 s pass).
        var after = await SttySizeAsync(page);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); after == before && waited.Elapsed < TimeSpan.FromSeconds(10);)
            after = await SttySizeAsync(page);
        Assert.True(after.Columns < before.Columns && after.Rows < before.Rows, $"{before} -> {after}");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_second_node_pings_the_first_by_name()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        await page.ClickAsync(".add-node");
        await page.WaitForSelectorAsync("li[data-node=node2].selected");
        await page.WaitForPromptAsync();
        await page.TypeAsync("ping -c 1 -W 2 node1\n");
        await page.WaitForScreenAsync("1 packets received");
        await page.ScreenshotAsync("terminal-two-nodes");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Reloading_finds_the_same_sandbox_and_its_recent_screen()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        await page.TypeAsync("echo $$-$((1000+1)) > /tmp/before-reload; cat /tmp/before-reload\n");
        await page.WaitForScreenAsync("2-1001"); // the shell is pid 2, the init's child
        await page.ReloadAsync();
        await page.WaitForPromptAsync();
        Assert.Contains("2-1001", await page.ScreenAsync()); // the screen came back from the scrollback
        await page.TypeAsync("cat /tmp/before-reload\n");
        await page.WaitForFunctionAsync("() => document.querySelector('.terminal-view:not([hidden]) .xterm-rows').innerText.split('2-1001').length > 2");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Ctrl_c_stops_a_flood_the_browser_drops_what_it_holds_and_the_page_still_answers()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        // The circuit has taken the terminal over before the flood: the test is about the ^C, not the handover.
        await page.WaitForInteractiveAsync();
        await page.TypeAsync("yes\n");
        // The flood is on: every row of the screen is a "y" (the window keeps it streaming at xterm.js's pace).
        await page.WaitForFunctionAsync($$"""
            () => document.querySelector('{{TerminalPage.Visible}} .xterm-rows').innerText.trim().split('\n').every(row => row.trim() === 'y')
            """);
        // Timed in the page, from the keydown event (its timeStamp) to the prompt on screen (a MutationObserver): what
        // the student sees, without Playwright's round trips. Printed, not asserted: how long depends on how busy the
        // machine's two cores are (67-705 ms here, 1848 ms once on a loaded CI machine); bench/terminal measures it
        // against a bare relay. What is asserted: the flood stopped and the shell answers.
        await page.EvaluateAsync($$"""
            () => {
                const host = document.querySelector('{{TerminalPage.Visible}}');
                const rows = host.querySelector('.xterm-rows');
                window.__ctrlC = { pressed: null, prompt: null, flushesBefore: Number(host.dataset.flushes ?? 0) };
                document.addEventListener('keydown', (e) => {
                    if (e.ctrlKey && e.key.toLowerCase() === 'c' && window.__ctrlC.pressed === null) window.__ctrlC.pressed = e.timeStamp;
                }, { capture: true });
                const seen = () => {
                    if (window.__ctrlC.pressed !== null && window.__ctrlC.prompt === null && /#\s*$/.test(rows.innerText))
                        window.__ctrlC.prompt = performance.now();
                };
                new MutationObserver(seen).observe(rows, { childList: true, subtree: true, characterData: true });
            }
            """);
        int mark = lab.Web.LogMark();
        await page.ClickAsync(TerminalPage.Visible); // as a student would: into the terminal, then the keys
        await page.Keyboard.PressAsync("Control+C");
        try
        {
            await page.WaitForPromptAsync(timeoutMs: 30_000);
        }
        catch (TimeoutException e)
        {
            // Seen once in CI (the run of 99b622e's successors), never here under load: say what the page had, to find why.
            string rows = await page.ScreenAsync();
            string state = await page.EvaluateAsync<string>(
                $"() => JSON.stringify({{ ...window.__ctrlC, flushes: document.querySelector('{TerminalPage.Visible}').dataset.flushes, focus: document.activeElement?.className ?? null, interactive: document.querySelector('.workspace')?.dataset.interactive }})");
            throw new TimeoutException($"no prompt within 30 s of the ^C; the page: {state}; the screen's last rows:\n" +
                string.Join('\n', rows.Split('\n').TakeLast(6)) + "\nthe web's log since the ^C:\n" + string.Join('\n', lab.Web.LogSince(mark)), e);
        }
        await page.WaitForFunctionAsync("() => window.__ctrlC.prompt !== null");
        var toPrompt = TimeSpan.FromMilliseconds(await page.EvaluateAsync<double>("() => window.__ctrlC.prompt - window.__ctrlC.pressed"));
        Console.WriteLine($"Ctrl-C to prompt: {toPrompt.TotalMilliseconds:0} ms");
        var flushes = await page.EvaluateAsync<int>($$"""
            () => Number(document.querySelector('{{TerminalPage.Visible}}').dataset.flushes ?? 0) - window.__ctrlC.flushesBefore
            """);
        // Printed, not asserted: a CI run saw none (a ^C that found no output pending has nothing to flush).
        Console.WriteLine($"flush frames after the ^C: {flushes}");
        // The flood has stopped: the shell answers, and no "y" follows its answer.
        await page.TypeAsync("echo still-$((2+2))\n");
        await page.WaitForScreenAsync("still-4");
        await page.WaitForPromptAsync(timeoutMs: 30_000);
        var screen = await page.ScreenAsync();
        var after = screen[(screen.LastIndexOf("still-4", StringComparison.Ordinal) + "still-4".Length)..];
        Assert.DoesNotContain("\ny", after.Replace("\r", ""), StringComparison.Ordinal);
        await page.ScreenshotAsync("terminal-after-flood");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Another_student_cannot_reach_the_first_ones_sandbox()
    {
        var first = await lab.NewStudentAsync();
        await first.StartAsync();
        await first.TypeAsync("echo secret-of-first > /root/mine; hostname -i 2>/dev/null; ip -4 -o addr show eth0\n");
        await first.WaitForScreenAsync("10.89.0.");
        var second = await lab.NewStudentAsync();
        await second.StartAsync();
        await second.TypeAsync("cat /root/mine || echo no-such-file-$((1+1))\n");
        await second.WaitForScreenAsync("no-such-file-2"); // computed by the shell: the echoed command line does not match
        Assert.DoesNotContain("secret-of-first", await second.ScreenAsync());

        // The second student's browser asks the hub for "node1": it gets its own node1, never the first's.
        // Without a session cookie the hub refuses outright.
        var anonymous = await lab.Browser.NewContextAsync(new() { BaseURL = lab.Web.BaseAddress.ToString() });
        var probe = await anonymous.NewPageAsync();
        await probe.GotoAsync("/");
        string error = await probe.EvaluateAsync<string>(@"async () => {
            const c = new signalR.HubConnectionBuilder().withUrl('/hubs/terminal').build();
            await c.start();
            try { await c.invoke('Resize', 'node1', 'init', 80, 24); return 'allowed'; }
            catch (e) { return e.message; } finally { await c.stop(); }
        }");
        Assert.Contains("session has ended", error);
        await anonymous.CloseAsync();
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    private static async Task<(int Rows, int Columns)> SttySizeAsync(IPage page)
    {
        string marker = Guid.NewGuid().ToString("N")[..6];
        await page.TypeAsync($"echo {marker} $(stty size)\n");
        await page.WaitForFunctionAsync($"m => new RegExp(m + ' \\\\d+ \\\\d+').test(document.querySelector('{TerminalPage.Visible} .xterm-rows').innerText)", marker);
        var match = Regex.Match(await page.ScreenAsync(), marker + @" (\d+) (\d+)");
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }
}
