using Microsoft.Playwright;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real containerlabd, a real ContainerLab.Web and Debian's chromium (never a downloaded browser), shared by a
/// test class. Each test opens its own browser context: its own cookies, so its own student session.
/// </summary>
public class LabFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? _webSettings;

    public LabFixture() => Daemon = new DaemonProcess();

    /// <summary>
    /// For fixtures of a differently configured web tier (settings as environment variables) and daemon (more
    /// options, e.g. ["--max-node-memory", "512m"]).
    /// </summary>
    protected LabFixture(IReadOnlyDictionary<string, string> webSettings, IReadOnlyList<string>? daemonOptions = null)
    {
        _webSettings = webSettings;
        Daemon = new DaemonProcess(options: daemonOptions);
    }

    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public DaemonProcess Daemon { get; }
    public WebProcess Web { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess && !Requirements.InCi)
            return;
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (scripts/install-deps.sh does)");
        await Daemon.StartAsync();
        await PrepareDaemonAsync();
        Web = new WebProcess(Daemon.SocketPath, _webSettings);
        await Web.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Runs once the daemon listens, before the web starts (e.g. images the tests' labs need).</summary>
    protected virtual Task PrepareDaemonAsync() => Task.CompletedTask;

    /// <summary>
    /// A new student: a browser context of its own. <paramref name="deviceScaleFactor"/> is what browser zoom does to
    /// the page (125% zoom = 1.25 device pixels per CSS pixel); <paramref name="timezoneId"/> the browser's time zone.
    /// </summary>
    public async Task<IPage> NewStudentAsync(int width = 1200, int height = 800, ColorScheme colorScheme = ColorScheme.Light,
        float deviceScaleFactor = 1, string? timezoneId = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Web.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            DeviceScaleFactor = deviceScaleFactor,
            TimezoneId = timezoneId,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        if (Web is not null)
            await Web.DisposeAsync();
        await Daemon.DisposeAsync();
    }
}
