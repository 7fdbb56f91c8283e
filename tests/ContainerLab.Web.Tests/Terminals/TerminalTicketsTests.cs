using ContainerLab.Web.Terminals;
using Microsoft.AspNetCore.DataProtection;

namespace ContainerLab.Web.Tests.Terminals;

public sealed class TerminalTicketsTests
{
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();

    [Fact]
    public void A_ticket_names_its_session_and_is_not_the_token_itself()
    {
        var tickets = new TerminalTickets(_keys);
        string ticket = tickets.Issue("0123456789abcdef0123456789abcdef");
        Assert.DoesNotContain("0123456789abcdef", ticket);
        Assert.Equal("0123456789abcdef0123456789abcdef", tickets.Redeem(ticket));
    }

    [Fact]
    public void An_expired_ticket_names_nothing()
    {
        var tickets = new TerminalTickets(_keys);
        Assert.Null(tickets.Redeem(tickets.Issue("0123456789abcdef0123456789abcdef", DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged")]
    [InlineData("!!not base64!!")]
    public void Anything_but_a_ticket_names_nothing(string? ticket) => Assert.Null(new TerminalTickets(_keys).Redeem(ticket));

    [Fact]
    public void An_altered_ticket_and_one_of_other_keys_name_nothing()
    {
        var tickets = new TerminalTickets(_keys);
        char[] altered = tickets.Issue("0123456789abcdef0123456789abcdef").ToCharArray();
        altered[altered.Length / 2] = altered[altered.Length / 2] == 'A' ? 'B' : 'A';
        Assert.Null(tickets.Redeem(new string(altered)));
        var otherServer = new TerminalTickets(new EphemeralDataProtectionProvider());
        Assert.Null(tickets.Redeem(otherServer.Issue("0123456789abcdef0123456789abcdef")));
        Assert.Null(tickets.Redeem(new string('A', 5000)));
    }

    [Fact]
    public void Data_the_web_protects_for_another_purpose_is_not_a_ticket()
    {
        string cookieLike = _keys.CreateProtector("Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1")
            .ToTimeLimitedDataProtector().Protect("0123456789abcdef0123456789abcdef", DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Null(new TerminalTickets(_keys).Redeem(cookieLike));
    }
}
