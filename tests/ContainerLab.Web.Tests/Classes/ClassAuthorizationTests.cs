using System.Net;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Classes;
using ContainerLab.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>
/// Every class endpoint and page as anonymous, a student of the class, a student of another class, another instructor
/// and the class's own instructor: only the last one sees or changes anything.
/// </summary>
public sealed class ClassAuthorizationTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();
    private Classroom _class = default!;
    private Classroom _otherClass = default!;

    public async Task InitializeAsync()
    {
        await _web.PrepareAsync();
        (_class, _otherClass, _) = await _web.TwoClassesAsync();
    }

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    private Task<HttpClient> AsAsync(string? user) => user is null ? Task.FromResult(_web.Browser()) : _web.SignedInAsync(user);

    private string[] Reads => ["/classes", $"/classes/{_class.Id}", $"/classes/{_class.Id}/progress.csv", $"/classes/{_class.Id}/progress.json"];

    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData("student", "/account/denied")]
    [InlineData("other-student", "/account/denied")]
    public async Task Anyone_but_an_instructor_is_sent_to_sign_in_or_refused(string? user, string sentTo)
    {
        var browser = await AsAsync(user);
        foreach (string path in Reads)
        {
            var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{user ?? "anonymous"} GET {path}: {(int)response.StatusCode}");
            Assert.Equal(sentTo, response.Headers.Location!.AbsolutePath);
        }
        // Ending the class needs an antiforgery token from one of the web's pages (the start page has one).
        var end = await TestWeb.PostFormAsync(browser, "/", "", new Dictionary<string, string>(), action: $"/classes/{_class.Id}/end");
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.Equal(sentTo, end.Headers.Location!.AbsolutePath);
        Assert.Null((await _web.Services.GetRequiredService<ClassDirectory>().FindByCodeAsync(_class.JoinCode, CancellationToken.None))!.EndedAtUnixMs);
    }

    [Fact]
    public async Task Another_instructor_finds_no_such_class()
    {
        var browser = await AsAsync("other-teacher");
        Assert.DoesNotContain(_class.JoinCode[..4], await browser.GetStringAsync("/classes"));
        foreach (string path in Reads.Skip(1))
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path)).StatusCode);
        var end = await TestWeb.PostFormAsync(browser, "/", "", new Dictionary<string, string>(), action: $"/classes/{_class.Id}/end");
        Assert.Equal(HttpStatusCode.NotFound, end.StatusCode);
        Assert.Null((await _web.Services.GetRequiredService<ClassDirectory>().FindByCodeAsync(_class.JoinCode, CancellationToken.None))!.EndedAtUnixMs);
    }

    [Fact]
    public async Task The_classs_instructor_sees_it_exports_it_and_ends_it()
    {
        var browser = await AsAsync("teacher");
        Assert.Contains(JoinCode.Display(_class.JoinCode), await browser.GetStringAsync($"/classes/{_class.Id}"));
        string csv = await browser.GetStringAsync($"/classes/{_class.Id}/progress.csv");
        Assert.StartsWith("class,student,lab,step,state,first_passed_at,attempts\r\n3b,Student,01-container-is-a-process,", csv);
        Assert.DoesNotContain("Other", csv);
        string json = await browser.GetStringAsync($"/classes/{_class.Id}/progress.json");
        Assert.Contains("\"student\": \"Student\"", json);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/classes/{_class.Id}/progress.xml")).StatusCode);

        var end = await TestWeb.PostFormAsync(browser, $"/classes/{_class.Id}", "", new Dictionary<string, string>(), action: $"/classes/{_class.Id}/end");
        Assert.Equal(HttpStatusCode.Redirect, end.StatusCode);
        Assert.NotNull((await _web.Services.GetRequiredService<ClassDirectory>().FindByCodeAsync(_class.JoinCode, CancellationToken.None))!.EndedAtUnixMs);
        Assert.Contains("This class has ended", await browser.GetStringAsync($"/classes/{_class.Id}"));
    }
}
