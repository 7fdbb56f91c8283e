using System.Net;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>What a hostile page or client can try against the web tier.</summary>
public sealed class SecurityTests(LabFixture lab) : IClassFixture<LabFixture>
{
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Starting_a_session_without_the_antiforgery_token_is_refused()
    {
        using var http = new HttpClient { BaseAddress = lab.Web.BaseAddress };
        using var response = await http.PostAsync("session/start", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("form expired", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith("clab-session")) : []);
    }

    [RootTheory("root, containerlabd, ContainerLab.Web and Debian chromium")]
    [InlineData("hubs/terminal/negotiate?negotiateVersion=1")]
    [InlineData("_blazor/negotiate?negotiateVersion=1")]
    public async Task Sockets_refuse_another_sites_origin(string path)
    {
        using var http = new HttpClient { BaseAddress = lab.Web.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, path);
        sameOrigin.Headers.Add("Origin", lab.Web.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var allowed = await http.SendAsync(sameOrigin);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    /// <summary>
    /// A hub connection without a session cookie (the Start pages open one before the session exists) reaches a session
    /// only with that session's terminal ticket from the lab page, and stays bound to it: another ticket does not move it.
    /// </summary>
    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task A_connection_without_a_cookie_reaches_a_session_only_by_its_ticket_and_stays_bound_to_it()
    {
        var first = await lab.NewStudentAsync();
        await first.StartAsync();
        await first.TypeAsync("echo first > /root/who; echo wrote-$((1+1))\n");
        await first.WaitForScreenAsync("wrote-2");
        string firstTicket = await first.GetAttributeAsync("#terminal-ticket", "data-ticket") ?? throw new InvalidOperationException("no ticket");
        var second = await lab.NewStudentAsync();
        await second.StartAsync();
        string secondTicket = await second.GetAttributeAsync("#terminal-ticket", "data-ticket") ?? throw new InvalidOperationException("no ticket");
        Assert.NotEqual(firstTicket, secondTicket);

        var anonymous = await lab.Browser.NewContextAsync(new() { BaseURL = lab.Web.BaseAddress.ToString() });
        var probe = await anonymous.NewPageAsync();
        await probe.GotoAsync("/");
        var outcome = await probe.EvaluateAsync<string[]>(@"async ([firstTicket, secondTicket]) => {
            const c = new signalR.HubConnectionBuilder().withUrl('/hubs/terminal').build();
            await c.start();
            // What the first bytes of a stream are, or its error.
            const output = (ticket) => new Promise((resolve) => {
                const s = c.stream('Output', 'node1', 'init', ticket).subscribe({
                    next: (m) => { s.dispose(); resolve('output'); },
                    error: (e) => resolve(e.message), complete: () => resolve('complete') });
            });
            const resize = () => c.invoke('Resize', 'node1', 'init', 80, 24).then(() => 'allowed', (e) => e.message);
            const results = [await output(null), await output('forged'), await resize(), await output(firstTicket), await resize()];
            // Bound to the first session: the second's ticket is not read, so node1 is still the first's.
            const screen = await new Promise((resolve) => {
                let text = '', asked = false;
                const s = c.stream('Output', 'node1', 'init', secondTicket).subscribe({
                    next: (m) => {
                        text += atob(m);
                        // Typed once the stream is attached (its first bytes are the screen's replay), not after a guessed delay.
                        if (!asked) { asked = true; c.invoke('Input', 'node1', 'init', 'echo who=$(cat /root/who)\n').catch((e) => resolve('input: ' + e.message)); }
                        if (/who=\w/.test(text)) { s.dispose(); resolve(text); }
                    },
                    error: (e) => resolve(text + ' error: ' + e.message), complete: () => resolve(text + ' (complete)') });
            });
            results.push(screen);
            await c.stop();
            return results;
        }", new[] { firstTicket, secondTicket });
        Assert.Contains("session has ended", outcome[0]);
        Assert.Contains("session has ended", outcome[1]);
        Assert.Contains("session has ended", outcome[2]);
        Assert.Equal("output", outcome[3]);
        Assert.Equal("allowed", outcome[4]);
        Assert.Contains("who=first", outcome[5]);
        await anonymous.CloseAsync();
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task An_oversize_hub_message_closes_that_connection_and_the_terminal_keeps_working()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        string outcome = await page.EvaluateAsync<string>(@"async () => {
            const c = new signalR.HubConnectionBuilder().withUrl('/hubs/terminal').build();
            await c.start();
            const closed = new Promise(resolve => c.onclose(e => resolve('closed: ' + (e?.message ?? ''))));
            c.send('Input', 'node1', 'init', 'x'.repeat(200000)).catch(() => {});
            return await Promise.race([closed, new Promise(r => setTimeout(() => r('still open'), 5000))]);
        }");
        Assert.StartsWith("closed", outcome);
        await page.TypeAsync("echo after-$((3*3))\n"); // the page's own connection is unaffected
        await page.WaitForScreenAsync("after-9");
        await page.Context.CloseAsync();
    }

    [RootFact("root, containerlabd, ContainerLab.Web and Debian chromium")]
    public async Task Multibyte_utf8_split_across_chunks_and_a_full_screen_program_render_correctly()
    {
        var page = await lab.NewStudentAsync();
        await page.StartAsync();
        // 3000 × "ä€😀" is 27 KB of 2-, 3- and 4-byte sequences: the pty, the daemon and the hub cut it anywhere.
        await page.TypeAsync("yes \"$(printf '\\303\\244\\342\\202\\254\\360\\237\\230\\200')\" | head -n 3000 | tr -d '\\n'; echo; echo end-of-utf$((4+4))\n");
        // The marker is computed by the shell: the echoed command line itself must not satisfy the wait.
        await page.WaitForScreenAsync("end-of-utf8", 20_000);
        string screen = await page.ScreenAsync();
        Assert.Contains("ä€😀ä€😀", screen);
        Assert.DoesNotContain("\uFFFD", screen);

        await page.TypeAsync("vi /tmp/full-screen.txt\n");
        // vi is up when it has drawn its empty buffer: a column of '~' lines (the typed command alone has none).
        await page.WaitForFunctionAsync($"() => (document.querySelector('{TerminalPage.Visible} .xterm-rows')?.innerText.match(/^~/gm) ?? []).length >= 3",
            null, new() { Timeout = 10_000 });
        await page.Keyboard.TypeAsync("ihello from vi");
        // vi reads ESC followed at once by ':' as an escape sequence (its escape timeout); a person pauses here too. On a
        // loaded machine the pause may still be too short for vi, so a person would press Escape and try again.
        for (int attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            await page.WaitForTimeoutAsync(500 * attempt);
            await page.Keyboard.TypeAsync(":wq\n");
            try
            {
                await page.WaitForPromptAsync(timeoutMs: 5_000);
                break;
            }
            catch (TimeoutException) when (attempt < 3) { }
        }
        await page.TypeAsync("cat /tmp/full-screen.txt\n");
        await page.WaitForScreenAsync("hello from vi\n");
        await page.ScreenshotAsync("terminal-utf8-vi");
        await page.Context.CloseAsync();
    }
}
