using System.Net;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Classes;
using ContainerLab.Web.Tests.Hosting;
using ContainerLab.Web.Terminals;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Terminals;

/// <summary>
/// The terminal hub's instructor methods (Watch, HelpInput, WatchAck) called as anonymous, a student of the class, a
/// student of another class, another instructor and the class's instructor, over the hub's real pipeline (cookies,
/// authentication, the hub): nobody but the class's instructor gets past the class check, whatever ids they send.
/// </summary>
public sealed class WatchAuthorizationTests : IAsyncLifetime
{
    private readonly TestWeb _web = new();
    private Classroom _class = default!;
    private Account _student = default!;

    public async Task InitializeAsync()
    {
        await _web.PrepareAsync();
        (_class, _, _student) = await _web.TwoClassesAsync();
    }

    public Task DisposeAsync()
    {
        _web.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A hub connection with the cookies of <paramref name="user"/>'s sign-in (none: anonymous).</summary>
    private async Task<HubConnection> HubAsync(string? user)
    {
        var cookies = new CookieContainer();
        if (user is not null)
        {
            using var browser = _web.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
            var signedIn = await TestWeb.PostFormAsync(browser, AccountSetup.LoginPath, "login",
                new Dictionary<string, string> { ["Form.UserName"] = user, ["Form.Password"] = TestWeb.Password });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri("http://localhost" + TerminalHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling; // the test server has no WebSockets
                options.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = _web.Server.CreateHandler() };
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private async Task<string> WatchRefusalAsync(HubConnection connection, int classId, string learner)
    {
        var error = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in connection.StreamAsync<byte[]>("Watch", classId, learner, "node1", "init"))
                Assert.Fail("a watch streamed output");
        });
        return error.Message;
    }

    [Theory]
    [InlineData(null, "only a class's instructor can watch")]
    [InlineData("student", "only a class's instructor can watch")]
    [InlineData("other-student", "only a class's instructor can watch")]
    [InlineData("other-teacher", "none of your classes has this number")]
    public async Task Nobody_but_the_classs_instructor_watches_or_types(string? user, string refusal)
    {
        await using var connection = await HubAsync(user);
        Assert.Contains(refusal, await WatchRefusalAsync(connection, _class.Id, _student.Id));
        var typing = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("HelpInput", _class.Id, _student.Id, "node1", "init", "rm -rf /\r"));
        Assert.Contains(user is "other-teacher" ? "you are not watching that terminal" : refusal, typing.Message);
        // Credit for a watch it does not have changes nothing and says nothing (as an Ack of a closed terminal).
        await connection.InvokeAsync("WatchAck", _class.Id, _student.Id, "node1", "init", 1L << 40);
        Assert.Equal(WatchState.Nobody, _web.Services.GetRequiredService<TerminalWatch>().StateOf("any"));
    }

    [Fact]
    public async Task The_classs_instructor_gets_past_the_class_check_and_learns_the_student_has_no_session()
    {
        await using var connection = await HubAsync("teacher");
        Assert.Contains("Student has no session open", await WatchRefusalAsync(connection, _class.Id, _student.Id));
        // The same instructor cannot reach a student by naming another class, or somebody outside the class.
        Assert.Contains("that student is not in this class", await WatchRefusalAsync(connection, _class.Id, "not-a-member"));
        Assert.Contains("none of your classes", await WatchRefusalAsync(connection, _class.Id + 1, _student.Id));
    }
}
