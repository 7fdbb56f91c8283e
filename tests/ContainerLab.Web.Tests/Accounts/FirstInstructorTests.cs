using System.Net;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Accounts;

/// <summary>No default password: the one-time link creates the first instructor, once; then there is none.</summary>
public sealed class FirstInstructorTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();

    public Task InitializeAsync() => _web.PrepareAsync();

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    internal static Dictionary<string, string> NewAccount(string token, string user = "teacher", string password = "correct horse battery") => new()
    {
        ["Form.Token"] = token,
        ["Form.UserName"] = user,
        ["Form.DisplayName"] = "Ms Teacher",
        ["Form.Password"] = password,
        ["Form.ConfirmPassword"] = password,
    };

    private static string TokenOf(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    [Fact]
    public async Task The_link_creates_the_first_instructor_signs_them_in_and_then_works_no_more()
    {
        string link = _web.FirstInstructorLink();
        Assert.StartsWith(FirstInstructorInvite.SetupPath + "?token=", link);
        string file = Path.Combine(_web.DataDirectory, FirstInstructorInvite.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        var browser = _web.Browser();
        var created = await TestWeb.PostFormAsync(browser, link, "setup", NewAccount(TokenOf(link)));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(new Uri("http://localhost/"), created.Headers.Location);
        Assert.Contains("Signed in as <strong", await browser.GetStringAsync("/"));
        Assert.False(File.Exists(file));

        using (var scope = _web.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var teacher = await accounts.FindByNameAsync("teacher");
            Assert.NotNull(teacher);
            Assert.Equal("Ms Teacher", teacher.DisplayName);
            Assert.True(await accounts.IsInRoleAsync(teacher, Roles.Instructor));
            Assert.NotEqual("correct horse battery", teacher.PasswordHash); // hashed (PBKDF2), never kept as typed
        }

        // Used: the same link from another browser shows that it is spent and creates nobody.
        var other = _web.Browser();
        Assert.Contains("This link has been used or is no longer valid.", await other.GetStringAsync(link));
        var again = await other.PostAsync(link, new FormUrlEncodedContent(NewAccount(TokenOf(link), "intruder")));
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);

        // A restart finds an instructor and opens no link.
        await _web.PrepareAsync();
        Assert.False(File.Exists(file));
        using (var scope = _web.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByNameAsync("intruder"));
    }

    [Fact]
    public async Task A_wrong_token_shows_the_link_is_spent_and_a_refused_account_keeps_the_link_open()
    {
        string link = _web.FirstInstructorLink();
        var browser = _web.Browser();
        Assert.Contains("This link has been used or is no longer valid.", await browser.GetStringAsync(FirstInstructorInvite.SetupPath + "?token=guess"));

        // Passwords that differ: the form says so, nothing is created, and the link still works.
        var fields = NewAccount(TokenOf(link));
        fields["Form.ConfirmPassword"] = "something else entirely";
        var refused = await TestWeb.PostFormAsync(browser, link, "setup", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The two passwords differ.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await TestWeb.PostFormAsync(browser, link, "setup", NewAccount(TokenOf(link)))).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        string link = _web.FirstInstructorLink();
        var browser = _web.Browser();
        await browser.GetStringAsync(link); // has the antiforgery cookie, but the post leaves the form's token out
        var forged = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>(NewAccount(TokenOf(link))) { ["_handler"] = "setup" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True(File.Exists(Path.Combine(_web.DataDirectory, FirstInstructorInvite.FileName)));
    }
}
