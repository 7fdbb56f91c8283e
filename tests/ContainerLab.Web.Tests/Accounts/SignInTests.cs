using System.Net;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Accounts;

/// <summary>Signing in over the web's real pipeline: wrong passwords, lockout, the per-address limit, the cookie, sign-out.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string Password = TestWeb.Password;
    private readonly TestWeb _web = new();

    public async Task InitializeAsync()
    {
        await _web.PrepareAsync();
        await _web.CreateAccountAsync("teacher", Roles.Instructor);
    }

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string password, string user = "teacher", string page = AccountSetup.LoginPath) =>
        TestWeb.PostFormAsync(browser, page, "login", new Dictionary<string, string> { ["Form.UserName"] = user, ["Form.Password"] = password });

    private static async Task<string> AlertOf(HttpResponseMessage response)
    {
        string html = await response.Content.ReadAsStringAsync();
        int start = html.IndexOf("role=\"alert\">", StringComparison.Ordinal);
        return start < 0 ? "" : html[(start + "role=\"alert\">".Length)..html.IndexOf('<', start + 1)];
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_the_right_one_signs_in_with_an_httponly_lax_cookie()
    {
        var browser = _web.Browser();
        Assert.Equal("Wrong user name or password.", await AlertOf(await SignInAsync(browser, "not the password")));
        Assert.Equal("Wrong user name or password.", await AlertOf(await SignInAsync(browser, Password, user: "nobody")));

        var signedIn = await SignInAsync(browser, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        string cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccountSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase); // plain HTTP here
        Assert.Contains("Signed in as <strong", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task Over_https_the_cookie_is_secure()
    {
        var signedIn = await SignInAsync(_web.Browser(https: true), Password);
        string cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccountSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var browser = _web.Browser();
        for (int i = 1; i < AccountSetup.MaxFailedSignIns; i++)
            Assert.Equal("Wrong user name or password.", await AlertOf(await SignInAsync(browser, $"wrong guess {i}")));
        string locked = await AlertOf(await SignInAsync(browser, "wrong guess 5"));
        Assert.Equal("This account is locked after 5 wrong passwords. Try again in 15 minutes, or ask your instructor.", locked);

        var right = await SignInAsync(browser, Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.StartsWith("This account is locked", await AlertOf(right));
        Assert.DoesNotContain("Signed in as", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_eleventh_failed_attempt_within_a_minute_from_one_address_is_a_429_and_the_page_itself_is_not_limited()
    {
        var browser = _web.Browser();
        string html = await browser.GetStringAsync(AccountSetup.LoginPath);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestWeb.AntiforgeryToken(html), ["_handler"] = "login",
            ["Form.UserName"] = "nobody", ["Form.Password"] = "guessing",
        };
        for (int i = 0; i < SignInLimits.FailuresPerWindow; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(AccountSetup.LoginPath, new FormUrlEncodedContent(form))).StatusCode);

        var refused = await browser.PostAsync(AccountSetup.LoginPath, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1, 60);
        Assert.Contains("Too many failed attempts from your address: 10 a minute are allowed. Try again in", await refused.Content.ReadAsStringAsync());
        // The right password from that address waits too: the count is of the address, not of the account.
        form["Form.UserName"] = "teacher";
        form["Form.Password"] = Password;
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostAsync(AccountSetup.LoginPath, new FormUrlEncodedContent(form))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AccountSetup.LoginPath)).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Signing_in_never_redirects_off_the_site(string returnUrl)
    {
        var signedIn = await SignInAsync(_web.Browser(), Password, page: $"{AccountSetup.LoginPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), signedIn.Headers.Location);
    }

    [Fact]
    public async Task Signing_out_is_a_form_post_with_the_antiforgery_token()
    {
        var browser = _web.Browser();
        await SignInAsync(browser, Password);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(AccountEndpoints.LogoutPath, new FormUrlEncodedContent([]))).StatusCode);
        Assert.Contains("Signed in as", await browser.GetStringAsync("/"));
        await browser.GetAsync(AccountEndpoints.LogoutPath); // a link or an image another page could make the browser load
        Assert.Contains("Signed in as", await browser.GetStringAsync("/"));

        var signedOut = await TestWeb.PostFormAsync(browser, "/", "", new Dictionary<string, string>(), action: AccountEndpoints.LogoutPath);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.DoesNotContain("Signed in as", await browser.GetStringAsync("/"));
    }
}

/// <summary>
/// Behind a TLS proxy (CONTAINERLAB_BEHIND_PROXY, ASP.NET Core's forwarded headers), every request comes from the proxy:
/// the limit then counts the client's address the proxy forwards, so a class of thirty joining at once is not one bucket.
/// </summary>
public sealed class SignInLimitsBehindAProxyTests : IAsyncLifetime
{
    private readonly TestWeb _web = new(settings: new Dictionary<string, string> { ["FORWARDEDHEADERS_ENABLED"] = "true" });

    public Task InitializeAsync() => _web.PrepareAsync();

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    private async Task<HttpStatusCode> AttemptAsync(HttpClient browser, Dictionary<string, string> form, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AccountSetup.LoginPath) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Forwarded-For", client);
        return (await browser.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task Each_forwarded_client_has_its_own_limit()
    {
        var browser = _web.Browser();
        string html = await browser.GetStringAsync(AccountSetup.LoginPath);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestWeb.AntiforgeryToken(html), ["_handler"] = "login",
            ["Form.UserName"] = "nobody", ["Form.Password"] = "guessing",
        };
        for (int student = 1; student <= 30; student++)
            Assert.Equal(HttpStatusCode.OK, await AttemptAsync(browser, form, $"192.0.2.{student}"));
        for (int i = 1; i < SignInLimits.FailuresPerWindow; i++)
            Assert.Equal(HttpStatusCode.OK, await AttemptAsync(browser, form, "192.0.2.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(browser, form, "192.0.2.1"));
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync(browser, form, "192.0.2.31"));
    }
}

/// <summary>A class behind one address (a school's router, a proxy) joins at once: only wrong codes count towards the limit.</summary>
public sealed class JoinLimitTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();
    private ContainerLab.Web.Classes.Classroom _class = default!;

    public async Task InitializeAsync()
    {
        await _web.PrepareAsync();
        var teacher = await _web.CreateAccountAsync("teacher", Roles.Instructor);
        _class = await _web.Services.GetRequiredService<ContainerLab.Web.Classes.ClassDirectory>().CreateAsync(teacher.Id, "3b",
            ["01-container-is-a-process"], null, null, false, new ContainerLab.Web.Classes.ClassLimits(), CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    private static Task<HttpResponseMessage> JoinAsync(HttpClient browser, string code, string name) =>
        TestWeb.PostFormAsync(browser, "/join", "join", new Dictionary<string, string> { ["Form.Code"] = code, ["Form.DisplayName"] = name });

    [Fact]
    public async Task Thirty_students_from_one_address_join_and_the_eleventh_wrong_code_is_a_429()
    {
        for (int i = 1; i <= 30; i++)
        {
            var joined = await JoinAsync(_web.Browser(), _class.JoinCode, $"Student {i}");
            Assert.True(joined.StatusCode == HttpStatusCode.Redirect, $"student {i}: {(int)joined.StatusCode}");
        }
        var guesser = _web.Browser();
        for (int i = 0; i < SignInLimits.FailuresPerWindow; i++)
            Assert.Equal(HttpStatusCode.OK, (await JoinAsync(guesser, "AAAA-AAAA", "Guesser")).StatusCode);
        var refused = await JoinAsync(guesser, _class.JoinCode, "Guesser");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many failed attempts from your address", await refused.Content.ReadAsStringAsync());
        Assert.Equal(30, (await _web.Services.GetRequiredService<ContainerLab.Web.Classes.ClassDirectory>().FindOwnedAsync(_class.Id, _class.OwnerId, CancellationToken.None))!.Members.Count);
    }
}
