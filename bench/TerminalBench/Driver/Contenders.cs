using Microsoft.Playwright;

namespace ContainerLab.Bench.TerminalBench;

/// <summary>One way of getting a sandbox's terminal into the page; <see cref="OpenAsync"/> leaves the prompt visible.</summary>
internal sealed record Contender(string Name, string Transport, string Terminal, Func<IPage, Task> Navigate)
{
    public Samples Echo { get; } = new();
    /// <summary>Echo split at the page's WebSocket: keydown -> first send, send -> first message back, message -> parsed.</summary>
    public Samples KeyToSend { get; } = new();
    public Samples SendToReceive { get; } = new();
    public Samples ReceiveToParsed { get; } = new();
    public Samples Flood { get; } = new();
    /// <summary>Diagnostic: term.input() from a timer instead of a keydown (see Measurements.EchoWithoutKeyboardAsync).</summary>
    public Samples EchoWithoutKeyboard { get; } = new();

    public void ClearBreakdown()
    {
        KeyToSend.Clear();
        SendToReceive.Clear();
        ReceiveToParsed.Clear();
    }
    public Samples FloodBytes { get; } = new();

    public async Task OpenAsync(IPage page)
    {
        await Navigate(page);
        await page.WaitForFunctionAsync("() => (window.__bench?.terms.length ?? 0) > 0", null, new() { Timeout = 30_000 });
        await TerminalPages.WaitForPromptAsync(page, Terminal);
    }
}

internal static class TerminalPages
{
    public const string WebTerminal = ".terminal-view:not([hidden])";
    public const string BenchTerminal = "#terminal";

    public static Task WaitForPromptAsync(IPage page, string terminal, int timeoutMs = 30_000) =>
        page.WaitForFunctionAsync($"() => /#\\s*$/.test(document.querySelector('{terminal} .xterm-rows')?.innerText ?? '')",
            null, new() { Timeout = timeoutMs });

    /// <summary>The relays' pages for one sandbox, at the web terminal's size.</summary>
    public static string Query(string sandbox, int cols, int rows, string? extra = null) =>
        $"?sandbox={Uri.EscapeDataString(sandbox)}&cols={cols}&rows={rows}{extra}";
}
