using System.Text.Json;
using Microsoft.Playwright;

namespace ContainerLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What the browser really drew: a screenshot of a region, decoded back to luminance in the page (createImageBitmap,
/// no image library), in device pixels. Glyphs are judged by ink, never by the DOM's text (the text is there even
/// when the row's box clips the glyph away).
/// </summary>
public sealed class ScreenPixels
{
    private readonly int[] _luminance;
    private readonly float _scaleX, _scaleY;
    private readonly ElementBox _region;

    private ScreenPixels(ElementBox region, int width, int height, int[] luminance)
    {
        _region = region;
        Width = width;
        Height = height;
        _luminance = luminance;
        _scaleX = width / region.Width;
        _scaleY = height / region.Height;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The region's background: the commonest luminance (text covers a small part of a terminal row).</summary>
    public int Background => _luminance.GroupBy(l => l).MaxBy(g => g.Count())!.Key;

    /// <summary>Screenshots <paramref name="region"/> (CSS pixels of the page), saves it as <paramref name="name"/>.png and decodes it.</summary>
    public static async Task<ScreenPixels> CaptureAsync(IPage page, ElementBox region, string name)
    {
        byte[] png = await page.ScreenshotAsync(new()
        {
            Clip = new Clip { X = region.X, Y = region.Y, Width = region.Width, Height = region.Height },
            Path = Path.Combine(LabFixture.ScreenshotDirectory, name + ".png"),
        });
        var decoded = await page.EvaluateAsync<JsonElement>(@"async (base64) => {
            const text = atob(base64);
            const bytes = new Uint8Array(text.length);
            for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
            const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const context = canvas.getContext('2d');
            context.drawImage(bitmap, 0, 0);
            const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
            const luminance = new Array(bitmap.width * bitmap.height);
            for (let p = 0; p < luminance.length; p++)
                luminance[p] = Math.round(0.2126 * rgba[4 * p] + 0.7152 * rgba[4 * p + 1] + 0.0722 * rgba[4 * p + 2]);
            return { width: bitmap.width, height: bitmap.height, luminance };
        }", Convert.ToBase64String(png));
        return new ScreenPixels(region, decoded.GetProperty("width").GetInt32(), decoded.GetProperty("height").GetInt32(),
            [.. decoded.GetProperty("luminance").EnumerateArray().Select(l => l.GetInt32())]);
    }

    /// <summary>
    /// Pixels inside <paramref name="box"/> (CSS pixels of the page, like the region) that differ from the
    /// background by more than <paramref name="contrast"/> (0-255): the ink of whatever was drawn there.
    /// </summary>
    public int InkIn(ElementBox box, int contrast = 60)
    {
        int background = Background;
        int left = Math.Max(0, (int)Math.Floor((box.X - _region.X) * _scaleX));
        int right = Math.Min(Width, (int)Math.Ceiling((box.X + box.Width - _region.X) * _scaleX));
        int top = Math.Max(0, (int)Math.Floor((box.Y - _region.Y) * _scaleY));
        int bottom = Math.Min(Height, (int)Math.Ceiling((box.Y + box.Height - _region.Y) * _scaleY));
        int ink = 0;
        for (int y = top; y < bottom; y++)
            for (int x = left; x < right; x++)
                if (Math.Abs(_luminance[y * Width + x] - background) > contrast)
                    ink++;
        return ink;
    }
}

/// <summary>A rectangle in CSS pixels of the page.</summary>
public sealed record ElementBox(float X, float Y, float Width, float Height);
