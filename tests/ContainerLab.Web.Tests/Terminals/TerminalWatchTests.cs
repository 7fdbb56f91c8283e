using ContainerLab.Web.Terminals;

namespace ContainerLab.Web.Tests.Terminals;

/// <summary>Consent to help: asked by a watching instructor, given by the student, gone when either stops.</summary>
public sealed class TerminalWatchTests
{
    private readonly TerminalWatch _watch = new();

    [Fact]
    public void Typing_needs_a_watch_a_question_and_the_students_yes()
    {
        Assert.Throws<InvalidOperationException>(() => _watch.Ask("s", "t", "Teacher")); // not watching
        using var watching = _watch.Begin("s", "t", "Teacher");
        Assert.Equal(["Teacher"], _watch.StateOf("s").Watchers);
        Assert.False(_watch.MayType("s", "t"));
        _watch.Ask("s", "t", "Teacher");
        Assert.Equal(HelpState.Asked, _watch.StateOf("s").Help);
        Assert.False(_watch.MayType("s", "t"));
        Assert.True(_watch.Answer("s", allow: true));
        Assert.True(_watch.MayType("s", "t"));
        Assert.False(_watch.MayType("s", "other-teacher")); // the consent is for the one who asked
        Assert.False(_watch.MayType("other-session", "t"));
    }

    [Fact]
    public void A_no_the_students_stop_and_the_end_of_the_watch_each_take_it_back()
    {
        var changes = new List<string>();
        _watch.Changed += changes.Add;
        var watching = _watch.Begin("s", "t", "Teacher");
        _watch.Ask("s", "t", "Teacher");
        Assert.True(_watch.Answer("s", allow: false));
        Assert.Equal(HelpState.None, _watch.StateOf("s").Help);
        Assert.False(_watch.Answer("s", allow: true)); // nothing asked any more: a late yes grants nothing
        Assert.False(_watch.MayType("s", "t"));

        _watch.Ask("s", "t", "Teacher");
        _watch.Answer("s", allow: true);
        _watch.Stop("s");
        Assert.False(_watch.MayType("s", "t"));

        _watch.Ask("s", "t", "Teacher");
        _watch.Answer("s", allow: true);
        watching.Dispose();
        Assert.False(_watch.MayType("s", "t"));
        Assert.Equal(WatchState.Nobody, _watch.StateOf("s"));
        // A new watch starts read-only again.
        using var again = _watch.Begin("s", "t", "Teacher");
        Assert.False(_watch.MayType("s", "t"));
        Assert.All(changes, c => Assert.Equal("s", c));
        Assert.True(changes.Count >= 10);
    }
}
