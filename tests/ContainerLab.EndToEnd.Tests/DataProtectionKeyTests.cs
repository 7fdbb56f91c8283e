using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ContainerLab.EndToEnd.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.EndToEnd.Tests;

/// <summary>
/// The web's data-protection keys (they protect the antiforgery token of the Start and End forms) live in keys/ of its
/// data directory: a form served before a restart still posts after it, even when the web's HOME was emptied in
/// between (HOME=/tmp after a reboot, or systemd's PrivateTmp), and a second instance with its own data directory
/// refuses the first one's token.
/// </summary>
public sealed partial class DataProtectionKeyTests : IAsyncLifetime
{
    private readonly DaemonProcess _daemon = new();
    private readonly TempDirectory _data = new("clab-web-keys-");
    private readonly TempDirectory _otherData = new("clab-web-keys-other-");
    private readonly List<TempDirectory> _homes = [];

    public async Task InitializeAsync()
    {
        if (Environment.IsPrivilegedProcess || Requirements.InCi)
            await _daemon.StartAsync();
    }

    [RootFact("root, containerlabd and ContainerLab.Web")]
    public async Task A_form_served_before_a_restart_posts_after_it_and_the_keys_are_private()
    {
        string token;
        Cookie antiforgery;
        await using (var first = await StartWebAsync(_data.Path))
            (token, antiforgery) = await FormOfStartPageAsync(first);

        await using (var restarted = await StartWebAsync(_data.Path))
        {
            var response = await PostEndAsync(restarted, token, antiforgery);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                $"after a restart the form was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{restarted.Log()}");
        }

        string keys = Path.Combine(_data.Path, "keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        string[] files = Directory.GetFiles(keys);
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(Environment.UserName, await OwnerAsync(file)); // the web ran as this test's user
        }
    }

    [RootFact("root, containerlabd and ContainerLab.Web")]
    public async Task Two_instances_with_their_own_data_directories_do_not_accept_each_others_forms()
    {
        string token;
        Cookie antiforgery;
        await using (var first = await StartWebAsync(_data.Path))
            (token, antiforgery) = await FormOfStartPageAsync(first);

        await using var other = await StartWebAsync(_otherData.Path);
        var response = await PostEndAsync(other, token, antiforgery);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_otherData.Path, "keys")));
    }

    /// <summary>Each start gets an empty HOME, as after a reboot: whatever ASP.NET keeps there by default is gone.</summary>
    private async Task<WebProcess> StartWebAsync(string dataDirectory)
    {
        var home = new TempDirectory("clab-web-home-");
        _homes.Add(home);
        var web = new WebProcess(_daemon.SocketPath, new Dictionary<string, string> { ["HOME"] = home.Path }, dataDirectory);
        await web.StartAsync();
        return web;
    }

    private static async Task<(string Token, Cookie Cookie)> FormOfStartPageAsync(WebProcess web)
    {
        var cookies = new CookieContainer();
        using var client = Client(web, cookies);
        string page = await client.GetStringAsync("/");
        var token = TokenField().Match(page);
        Assert.True(token.Success, "no antiforgery field on the start page");
        var cookie = Assert.Single(cookies.GetAllCookies(), c => c.Name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        return (WebUtility.HtmlDecode(token.Groups[1].Value), cookie);
    }

    /// <summary>POST /session/end without a session: the web checks the form's token, then redirects to the start page.</summary>
    private static async Task<HttpResponseMessage> PostEndAsync(WebProcess web, string token, Cookie antiforgery)
    {
        var cookies = new CookieContainer();
        cookies.Add(web.BaseAddress, new Cookie(antiforgery.Name, antiforgery.Value, "/"));
        using var client = Client(web, cookies);
        return await client.PostAsync("/session/end", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }

    private static HttpClient Client(WebProcess web, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = web.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };

    private static async Task<string> OwnerAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true })!;
        string owner = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return owner.Trim();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public async Task DisposeAsync()
    {
        await _daemon.DisposeAsync();
        _data.Dispose();
        _otherData.Dispose();
        foreach (var home in _homes)
            home.Dispose();
    }
}
