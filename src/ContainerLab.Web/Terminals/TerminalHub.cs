using System.Runtime.CompilerServices;
using System.Text;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Sandboxes;
using ContainerLab.Web.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ContainerLab.Web.Terminals;

/// <summary>
/// The browser's terminal connection (SignalR, /hubs/terminal): a byte stream per terminal plus separate input,
/// resize and acknowledgement calls. Every call resolves the caller's session from its cookie (or, for a connection
/// opened before its page had a session, from the ticket it named it with: <see cref="TerminalTickets"/>) and only
/// ever reaches that session's nodes; ids from the browser are looked up, never passed through.
/// </summary>
public sealed class TerminalHub(SessionRegistry sessions, ISandboxHost host, TerminalRelays relays, TerminalTickets tickets, TimeProvider time) : Hub
{
    public const string Path = "/hubs/terminal";

    private const string TicketedSession = "ticketed-session";

    /// <summary>
    /// Output of one terminal ("init" or an id from <see cref="OpenTerminal"/>), as binary messages. <paramref name="ticket"/>
    /// is the lab page's terminal ticket, or null; it is read only by a connection without a session cookie.
    /// </summary>
    public async IAsyncEnumerable<byte[]> Output(string node, string terminal, string? ticket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (_, target) = Resolve(node, terminal, ticket);
        TerminalRelay relay;
        try
        {
            relay = new TerminalRelay(await host.AttachAsync(target.SandboxId, terminal, cancellationToken));
        }
        catch (ContainerLabApiException e)
        {
            throw new HubException($"{node} is not reachable: {e.Detail}");
        }
        if (relays.Add(Context.ConnectionId, node, terminal, relay) is { } previous)
            await previous.DisposeAsync();
        try
        {
            await foreach (var message in relay.ReadAsync(cancellationToken))
                yield return message;
        }
        finally
        {
            relays.Remove(Context.ConnectionId, node, terminal, relay);
            await relay.DisposeAsync();
        }
    }

    /// <summary>Keystrokes and pastes (xterm.js onData): UTF-16 from the browser, UTF-8 to the pty.</summary>
    public Task Input(string node, string terminal, string data) =>
        SendAsync(node, terminal, Encoding.UTF8.GetBytes(data));

    /// <summary>Raw bytes (xterm.js onBinary, e.g. some mouse reports).</summary>
    public Task InputBytes(string node, string terminal, byte[] data) => SendAsync(node, terminal, data);

    public async Task Resize(string node, string terminal, int columns, int rows)
    {
        var (_, target) = Resolve(node, terminal);
        if (columns is < 1 or > 1000 || rows is < 1 or > 1000)
            throw new HubException("terminal size must be 1..1000 columns and rows");
        await host.ResizeAsync(target.SandboxId, terminal, new TerminalSizeDto(columns, rows), Context.ConnectionAborted);
    }

    /// <summary>The browser parsed or dropped this many bytes of output: flow-control credit (see <see cref="FlowControl"/>).</summary>
    public async Task Ack(string node, string terminal, long bytes)
    {
        Resolve(node, terminal);
        if (relays.Find(Context.ConnectionId, node, terminal) is not { } relay)
            return;
        try
        {
            await relay.AcknowledgeAsync(bytes, Context.ConnectionAborted);
        }
        catch (OperationCanceledException)
        {
            // The browser left, or the terminal's attachment closed, while the credit was on its way: it was for output
            // nobody sends any more, not an error to log (a CI run's web log had one per ended session).
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var relay in relays.RemoveConnection(Context.ConnectionId))
            await relay.DisposeAsync();
        await base.OnDisconnectedAsync(exception);
    }

    private async Task SendAsync(string node, string terminal, byte[] data)
    {
        var (session, _) = Resolve(node, terminal);
        session.Touch(time.GetUtcNow());
        var relay = relays.Find(Context.ConnectionId, node, terminal) ?? throw new HubException("that terminal is not open");
        await relay.SendInputAsync(data, Context.ConnectionAborted);
    }

    /// <summary>The caller's session and its node; anything else is refused.</summary>
    private (StudentSession Session, Node Node) Resolve(string node, string terminal, string? ticket = null)
    {
        var session = CallerSession(ticket) ?? throw new HubException("your session has ended: reload the page to start a new one");
        var target = session.Find(node) ?? throw new HubException($"this session has no node '{node}'");
        if (!session.TerminalsOf(node).Contains(terminal))
            throw new HubException($"{node} has no terminal '{terminal}'");
        return (session, target);
    }

    /// <summary>
    /// The session of the connection's handshake cookie, as for every page load. A connection that had none (the Start
    /// pages connect before the session exists) is bound by the first valid ticket it shows, to that session only, for
    /// its life; a later ticket cannot move it to another session.
    /// </summary>
    private StudentSession? CallerSession(string? ticket)
    {
        if (sessions.Find(Context.GetHttpContext() is { } http ? SessionCookie.Read(http) : null) is { } session)
            return session;
        if (Context.Items.TryGetValue(TicketedSession, out object? bound))
            return sessions.Find((string)bound!);
        if (tickets.Redeem(ticket) is not { } token || sessions.Find(token) is not { } ticketed)
            return null;
        Context.Items[TicketedSession] = token;
        return ticketed;
    }
}
