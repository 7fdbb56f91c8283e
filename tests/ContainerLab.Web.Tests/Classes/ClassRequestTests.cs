using ContainerLab.Web.Classes;

namespace ContainerLab.Web.Tests.Classes;

/// <summary>The new-class form: every problem at once, in the instructor's units; labs in the catalogue's order.</summary>
public sealed class ClassRequestTests
{
    private static readonly string[] Catalogue = ["01-a", "02-b", "03-c"];

    private static Dictionary<string, string> Limits(params (string Field, string Value)[] changes)
    {
        var limits = new Dictionary<string, string>
        {
            ["nodes"] = "3", ["vmNodes"] = "1", ["memory"] = "256", ["pids"] = "256", ["cpus"] = "1", ["disk"] = "256", ["idle"] = "30",
        };
        foreach (var (field, value) in changes)
            limits[field] = value;
        return limits;
    }

    [Fact]
    public void A_good_form_keeps_the_catalogues_order_and_reads_mib_and_minutes()
    {
        var request = ClassRequest.Read("  Monday 3b ", new HashSet<string> { "03-c", "01-a" }, Catalogue, Limits(("memory", "512"), ("cpus", "0.5")));
        Assert.Empty(request.Errors);
        Assert.Equal("Monday 3b", request.Name);
        Assert.Equal(["01-a", "03-c"], request.Labs);
        Assert.Equal(512L * 1024 * 1024, request.Limits.NodeMemoryBytes);
        Assert.Equal(0.5, request.Limits.NodeCpus);
        Assert.Equal(30, request.Limits.IdleMinutes);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var request = ClassRequest.Read("", new HashSet<string> { "99-nope" }, Catalogue, Limits(("memory", "lots"), ("nodes", "50"), ("cpus", "NaN")));
        Assert.Equal(
        [
            "Give the class a name.",
            "Choose at least one lab.",
            "There is no lab '99-nope' on this server.",
            "Nodes per student: 50 is outside 1 to 10.",
            "Memory per node (MiB): 'lots' is not a number.",
            "CPUs per node: 'NaN' is not a number.",
        ], request.Errors);
    }

    [Fact]
    public void Opening_and_closing_times_are_read_in_the_servers_zone_and_must_be_in_order()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var request = ClassRequest.Read("3b", new HashSet<string> { "01-a" }, Catalogue, Limits(), "2026-12-07T08:00", "2026-12-07T09:30", berlin);
        Assert.Empty(request.Errors);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 7, 0, 0, TimeSpan.Zero), request.StartsAt); // CET is UTC+1 in December
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8, 30, 0, TimeSpan.Zero), request.EndsAt);

        var backwards = ClassRequest.Read("3b", new HashSet<string> { "01-a" }, Catalogue, Limits(), "2026-12-07T10:00", "2026-12-07T09:00", berlin);
        Assert.Equal(["The class must close after it opens."], backwards.Errors);
        var garbage = ClassRequest.Read("3b", new HashSet<string> { "01-a" }, Catalogue, Limits(), "tomorrow", "", berlin);
        Assert.Equal(["Opens: 'tomorrow' is not a date and time (YYYY-MM-DDTHH:MM)."], garbage.Errors);
        Assert.Null(garbage.EndsAt);
    }
}
