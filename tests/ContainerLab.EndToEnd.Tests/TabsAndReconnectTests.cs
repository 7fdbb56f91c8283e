using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

public sealed class TabsAndReconnectTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_second_tab_is_another_shell_in_the_same_node()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        await page.TypeAsync("echo first > /tmp/shared; tty\n");
        await page.WaitForScreenAsync("/dev/pts/0");
        await page.ClickAsync(".open-terminal");
        await page.WaitForSelectorAsync(".terminal-tabs .tab:nth-child(2)[aria-selected=true]");
        await page.WaitForPromptAsync();
        await page.TypeAsync("tty; cat /tmp/shared\n");
        await page.WaitForScreenAsync("first");
        Assert.Matches("/dev/pts/[1-9]", await page.ScreenAsync());
        await page.ClickAsync(".terminal-tabs .tab:nth-child(1)");
        await page.WaitForSelectorAsync(".terminal-tabs .tab:nth-child(1)[aria-selected=true]");
        await page.WaitForScreenAsync("/dev/pts/0"); // the first tab kept its screen
        await page.ScreenshotAsync("terminal-two-tabs");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_second_tab_starts_in_the_same_directory_as_the_first()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        await page.TypeAsync("echo \"first-in:$(pwd)\"\n");
        await page.WaitForFunctionAsync($"() => /first-in:\\/\\S*/.test(document.querySelector('{TerminalPage.Visible} .xterm-rows').innerText)");
        string first = Regex.Match(await page.ScreenAsync(), @"first-in:(/\S*)").Groups[1].Value;
        await page.ClickAsync(".open-terminal");
        await page.WaitForSelectorAsync(".terminal-tabs .tab:nth-child(2)[aria-selected=true]");
        await page.WaitForPromptAsync();
        await page.TypeAsync("echo \"second-in:$(pwd)\"\n");
        await page.WaitForFunctionAsync($"() => /second-in:\\/\\S*/.test(document.querySelector('{TerminalPage.Visible} .xterm-rows').innerText)");
        string second = Regex.Match(await page.ScreenAsync(), @"second-in:(/\S*)").Groups[1].Value;
        Assert.Equal(first, second);
        Assert.NotEqual("/", first); // the node's working directory (the web makes nodes in /root), not the root a bare exec got
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task After_the_network_drops_the_terminal_comes_back_to_the_same_shell()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        await page.TypeAsync("echo $$ > /tmp/pid-before; sleep 2; echo done-$((5*5))\n");
        await page.Context.SetOfflineAsync(true);
        await page.WaitForTimeoutAsync(8000);
        await page.Context.SetOfflineAsync(false);
        // Either the sockets survived, or the hub and the circuit reconnect and the daemon replays the screen.
        await page.WaitForScreenAsync("done-25", 60_000);
        await page.WaitForPromptAsync(60_000);
        await page.TypeAsync("cat /tmp/pid-before\n");
        await page.WaitForFunctionAsync("() => document.querySelector('.terminal-view:not([hidden]) .xterm-rows').innerText.trimEnd().split('\\n').some(l => l.trim() === '2')"); // the same shell, pid 2 under the init
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Copy_and_paste_go_through_the_clipboard()
    {
        var page = await lab.NewStudentAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.StartAsync();
        await page.TypeAsync("echo copy-me-$((4*4))\n");
        await page.WaitForScreenAsync("copy-me-16");
        // Select the output line by double-clicking its word, copy with Ctrl+Shift+C.
        var word = page.Locator(".terminal-view:not([hidden]) .xterm-rows div", new() { HasTextString = "copy-me-16" }).Last;
        var box = (await word.BoundingBoxAsync())!; // xterm's layers sit above the rows: click where a person would
        await page.Mouse.DblClickAsync(box.X + 20, box.Y + box.Height / 2);
        await page.Keyboard.PressAsync("Control+Shift+KeyC");
        string copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Contains("copy-me-16", copied);
        // Paste something else back in with Ctrl+Shift+V.
        await page.EvaluateAsync("() => navigator.clipboard.writeText('echo pasted-$((5*5))')");
        await page.Keyboard.PressAsync("Control+Shift+KeyV");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForScreenAsync("pasted-25");
        await page.Context.CloseAsync();
    }
}
