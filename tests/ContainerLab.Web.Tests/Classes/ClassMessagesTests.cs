using ContainerLab.Web.Classes;
using ContainerLab.Web.Components.Classes;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>An instructor's message reaches the open pages of the students it is for, and no one else's.</summary>
public sealed class ClassMessagesTests : BunitContext
{
    private readonly TestLabs _labs = new();
    private readonly ClassMessages _messages = new(TimeProvider.System);
    private readonly ClassDirectory _classes;

    public ClassMessagesTests()
    {
        _classes = new ClassDirectory(_labs.Database.Factory, TimeProvider.System);
        Services.AddSingleton(_messages);
        Services.AddSingleton(_classes);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _labs.Dispose();
    }

    [Fact]
    public async Task A_message_to_all_shows_on_every_students_page_and_one_to_a_student_only_on_theirs()
    {
        var mine = await _classes.CreateAsync("teacher", "3b", ["lab"], null, null, false, new ClassLimits(), CancellationToken.None);
        var other = await _classes.CreateAsync("teacher2", "4a", ["lab"], null, null, false, new ClassLimits(), CancellationToken.None);
        await _classes.JoinAsync(mine.Id, "ada", "Ada", CancellationToken.None);
        await _classes.JoinAsync(mine.Id, "bo", "Bo", CancellationToken.None);
        await _classes.JoinAsync(other.Id, "cy", "Cy", CancellationToken.None);
        var ada = Render<ClassMessageBanner>(p => p.Add(x => x.AccountId, "ada"));
        var bo = Render<ClassMessageBanner>(p => p.Add(x => x.AccountId, "bo"));
        var cy = Render<ClassMessageBanner>(p => p.Add(x => x.AccountId, "cy"));
        var anonymous = Render<ClassMessageBanner>(p => p.Add(x => x.AccountId, (string?)null));

        _messages.Send(mine.Id, null, "Ms Teacher", "Ten minutes left.");
        _messages.Send(mine.Id, "bo", "Ms Teacher", "Look at step 2 again.");

        // Each page reads its student's classes from the database first (seconds on a busy CI machine's PostgreSQL).
        ada.WaitForAssertion(() => Assert.Equal(["Ms Teacher to the class: Ten minutes left."], Texts(ada)), Patience);
        bo.WaitForAssertion(() => Assert.Equal(["Ms Teacher to the class: Ten minutes left.", "Ms Teacher to you: Look at step 2 again."], Texts(bo)), Patience);
        // Cy's class gets its own message (so Cy's page is listening), and none of 3b's.
        _messages.Send(other.Id, null, "Mr Other", "Hello 4a.");
        cy.WaitForAssertion(() => Assert.Equal(["Mr Other to the class: Hello 4a."], Texts(cy)), Patience);
        Assert.Empty(Texts(anonymous));
        Assert.Equal(2, Texts(bo).Length);

        bo.Find(".class-message button").Click();
        Assert.Equal(["Ms Teacher to you: Look at step 2 again."], Texts(bo));

        // A page opened later shows the recent ones.
        var later = Render<ClassMessageBanner>(p => p.Add(x => x.AccountId, "ada"));
        later.WaitForAssertion(() => Assert.Equal(["Ms Teacher to the class: Ten minutes left."], Texts(later)), Patience);
    }

    [Theory]
    [InlineData("   ", "write a message first")]
    [InlineData(null, "a message has at most 500 characters")]
    public void An_empty_or_overlong_message_is_refused(string? text, string refusal) =>
        Assert.Equal(refusal, Assert.Throws<ArgumentException>(() => _messages.Send(1, null, "T", text ?? new string('x', 501))).Message);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string[] Texts(IRenderedComponent<ClassMessageBanner> banner) =>
        [.. banner.FindAll(".class-message span").Select(s => s.TextContent)];
}
