using System.Text.Json;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// `memory.limit_in_bytes` must not read as `memory.limit in bytes`: every underscore the shell prints is drawn,
/// at the default font size, at sizes the student picks with A-/A+, at browser zoom (device pixel ratio), in both
/// colour schemes. Judged from the screenshot's pixels, not from the DOM's text.
/// </summary>
public sealed class TerminalGlyphTests(LabFixture lab) : IClassFixture<LabFixture>
{
    private const int Count = 40;

    [RootTheory("root, containerlabd, ContainerLab.Web and Debian chromium")]
    [InlineData(0, 1.0f, ColorScheme.Light)]
    [InlineData(0, 1.0f, ColorScheme.Dark)]
    [InlineData(1, 1.0f, ColorScheme.Light)]
    [InlineData(-4, 1.0f, ColorScheme.Dark)]
    [InlineData(4, 1.0f, ColorScheme.Light)]
    [InlineData(0, 1.25f, ColorScheme.Light)]
    [InlineData(2, 1.5f, ColorScheme.Dark)]
    public async Task Every_underscore_is_drawn_in_the_lower_part_of_its_cell(int fontSteps, float zoom, ColorScheme scheme)
    {
        var page = await lab.NewStudentAsync(colorScheme: scheme, deviceScaleFactor: zoom);
        await page.StartAsync();
        int fontSize = await ChangeFontSizeAsync(page, fontSteps);
        await page.TypeAsync($"printf '_%.0s' $(seq {Count}); echo\n");
        string underscores = new('_', Count);
        await page.WaitForFunctionAsync($"u => [...document.querySelectorAll('{TerminalPage.Visible} .xterm-rows > div')].some(r => r.textContent.trimEnd() === u)", underscores);

        // The row's box and each character's box, as laid out (a Range measures the text even where the row clips it).
        var layout = await page.EvaluateAsync<JsonElement>($@"u => {{
            const row = [...document.querySelectorAll('{TerminalPage.Visible} .xterm-rows > div')].find(r => r.textContent.trimEnd() === u);
            const box = (r) => ({{ x: r.left, y: r.top, width: r.width, height: r.height }});
            const chars = [];
            const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode())
                for (let i = 0; i < node.length; i++) {{
                    if (node.data[i] !== '_') continue;
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    chars.push(box(range.getBoundingClientRect()));
                }}
            return {{ row: box(row.getBoundingClientRect()), chars }};
        }}", underscores);
        var row = Box(layout.GetProperty("row"));
        var chars = layout.GetProperty("chars").EnumerateArray().Select(Box).ToList();
        Assert.Equal(Count, chars.Count);

        string name = $"terminal-underscores-{fontSize}px-x{zoom:0.00}-{scheme.ToString().ToLowerInvariant()}";
        // The row with the command line above it and the prompt below, so the saved screenshot reads in context.
        var region = new ElementBox(row.X, row.Y - row.Height, chars[^1].X + chars[^1].Width - row.X + 8, 3 * row.Height);
        var pixels = await ScreenPixels.CaptureAsync(page, region, name);
        // The lower part of each cell, a pixel in from its sides: an underscore has ink there, under every character.
        var missing = chars.Select((c, i) => (Column: i, Ink: pixels.InkIn(new ElementBox(c.X + 1, row.Y + row.Height / 2, c.Width - 2, row.Height / 2))))
            .Where(c => c.Ink == 0).Select(c => c.Column).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} of {Count} underscores have no ink in the lower half of their cell at {fontSize}px, zoom {zoom}, {scheme} " +
            $"(row {row.Height:0.##} CSS px high; screenshot {name}.png): columns {string.Join(',', missing)}");
        await page.Context.CloseAsync();
    }

    /// <summary>Presses A+ (or A-) <paramref name="steps"/> times and waits until the terminal draws at the size the control shows.</summary>
    private static async Task<int> ChangeFontSizeAsync(IPage page, int steps)
    {
        // The control shows the browser's remembered size once the circuit has asked for it (the terminal may be up before).
        await page.WaitForFunctionAsync("() => (document.querySelector('.terminal-font-size output')?.textContent ?? '').trim() !== ''");
        for (int i = 0; i < Math.Abs(steps); i++)
        {
            string before = await page.InnerTextAsync(".terminal-font-size output");
            await page.ClickAsync(steps > 0 ? ".terminal-font-size .larger" : ".terminal-font-size .smaller");
            await page.WaitForFunctionAsync("b => document.querySelector('.terminal-font-size output').textContent !== b", before);
        }
        string shown = await page.InnerTextAsync(".terminal-font-size output");
        int size = int.Parse(shown.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"s => getComputedStyle(document.querySelector('{TerminalPage.Visible} .xterm-rows')).fontSize === s + 'px'", size);
        return size;
    }

    private static ElementBox Box(JsonElement e) => new(
        e.GetProperty("x").GetSingle(), e.GetProperty("y").GetSingle(), e.GetProperty("width").GetSingle(), e.GetProperty("height").GetSingle());
}
