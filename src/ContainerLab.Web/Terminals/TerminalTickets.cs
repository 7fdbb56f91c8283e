using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ContainerLab.Web.Terminals;

/// <summary>
/// A terminal hub connection is the session whose cookie its WebSocket handshake carried. The Start pages open theirs
/// while the student reads them, before there is a session, so that pressing Start does not wait for a negotiate, a
/// WebSocket and a SignalR handshake after the session exists (docs/PERFORMANCE.md, "Start -> prompt", change 7). Such a
/// connection names its session once, with the ticket the lab page carries: the session's token, encrypted and signed
/// with the web's data-protection keys and valid for <see cref="Lifetime"/>. The hub then binds the connection to that
/// session for its life.
/// </summary>
public sealed class TerminalTickets(IDataProtectionProvider protection)
{
    /// <summary>Long enough for a slow page to open its terminal; the binding outlives it, the ticket need not.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("ContainerLab.Web.Terminals.TerminalTickets.v1").ToTimeLimitedDataProtector();

    public string Issue(string sessionToken) => Issue(sessionToken, DateTimeOffset.UtcNow + Lifetime);

    /// <summary>A ticket that expires at <paramref name="expires"/> (data protection reads the system clock).</summary>
    public string Issue(string sessionToken, DateTimeOffset expires) => _protector.Protect(sessionToken, expires);

    /// <summary>The session token a ticket names; null for anything forged, altered, expired or not a ticket.</summary>
    public string? Redeem(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 1024)
            return null;
        try
        {
            return _protector.Unprotect(ticket, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException) // not base64url
        {
            return null;
        }
    }
}
