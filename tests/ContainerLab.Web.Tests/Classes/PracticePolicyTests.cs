using System.Net;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Classes;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>Anonymous practice is on until an instructor turns it off; then a visitor without an account joins or signs in first.</summary>
public sealed class PracticePolicyTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();

    public async Task InitializeAsync()
    {
        await _web.PrepareAsync();
        await _web.CreateAccountAsync("teacher", Roles.Instructor);
        await _web.CreateAccountAsync("student", Roles.Student);
    }

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient browser) =>
        TestWeb.PostFormAsync(browser, "/join", "", new Dictionary<string, string>(), action: "/session/start");

    private static Task<HttpResponseMessage> SetAsync(HttpClient browser, bool allowed) =>
        TestWeb.PostFormAsync(browser, "/join", "", new Dictionary<string, string> { ["allowed"] = allowed ? "true" : "false" }, action: "/classes/anonymous-practice");

    [Fact]
    public async Task Only_an_instructor_turns_it_off_and_then_a_visitor_is_sent_to_join()
    {
        var visitor = _web.Browser();
        Assert.Contains("id=\"start\"", await visitor.GetStringAsync("/"));

        var student = await _web.SignedInAsync("student");
        var refused = await SetAsync(student, allowed: false);
        Assert.Equal("/account/denied", refused.Headers.Location?.AbsolutePath);
        Assert.True(await _web.Services.GetRequiredService<PracticePolicy>().AnonymousAllowedAsync(CancellationToken.None));

        var teacher = await _web.SignedInAsync("teacher");
        Assert.Contains("Practice without an account (the start page's Start, for anyone who opens this server) is\n            <strong>on</strong>",
            await teacher.GetStringAsync("/classes"));
        Assert.Equal("/classes", (await SetAsync(teacher, allowed: false)).Headers.Location?.OriginalString);
        Assert.False(await _web.Services.GetRequiredService<PracticePolicy>().AnonymousAllowedAsync(CancellationToken.None));

        string home = await visitor.GetStringAsync("/");
        Assert.DoesNotContain("id=\"start\"", home);
        Assert.Contains("Practice without an account is off on this server.", home);
        var start = await StartAsync(visitor);
        Assert.Equal("/join?practice=off", start.Headers.Location?.OriginalString);
        Assert.Contains("Practice without an account is off on this server", await visitor.GetStringAsync("/join?practice=off"));

        // A signed-in student still starts (here no daemon answers: the web says so, it does not send them to join).
        Assert.Contains("id=\"start\"", await student.GetStringAsync("/"));
        Assert.NotEqual("/join?practice=off", (await StartAsync(student)).Headers.Location?.OriginalString);

        await SetAsync(teacher, allowed: true);
        Assert.Contains("id=\"start\"", await visitor.GetStringAsync("/"));
    }
}
