using System.Runtime.CompilerServices;
using System.Text;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Web.Accounts;
using ContainerLab.Web.Classes;
using ContainerLab.Web.Sandboxes;
using ContainerLab.Web.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ContainerLab.Web.Terminals;

/// <summary>
/// The browser's terminal connection (SignalR, /hubs/terminal): a byte stream per terminal plus separate input,
/// resize and acknowledgement calls. Every call resolves the caller's session from its cookie (or, for a connection
/// opened before its page had a session, from the ticket it named it with: <see cref="TerminalTickets"/>) and only
/// ever reaches that session's nodes; ids from the browser are looked up, never passed through. An instructor's
/// connection may also watch a student of their own class (<see cref="Watch"/>) and, with the student's consent, type.
/// </summary>
public sealed class TerminalHub(SessionRegistry sessions, ISandboxHost host, TerminalRelays relays, TerminalTickets tickets, TimeProvider time,
    ClassReach reach, TerminalWatch watch, Microsoft.AspNetCore.Identity.UserManager<Account> accounts) : Hub
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
        await foreach (var message in RelayAsync(target, node, node, terminal, cancellationToken))
            yield return message;
    }

    /// <summary>
    /// An instructor's read-only view of a terminal of <paramref name="learner"/>, a student of their class
    /// <paramref name="classId"/>: the same output the student sees. While it lasts the student's page says they are
    /// watched; the instructor types only once the student accepted their help (<see cref="HelpInput"/>).
    /// </summary>
    public async IAsyncEnumerable<byte[]> Watch(int classId, string learner, string node, string terminal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string instructorId = InstructorId();
        string instructorName = await accounts.ShownNameAsync(Context.User!) ?? "Your instructor";
        var session = await WatchedSessionAsync(instructorId, classId, learner);
        var target = session.Find(node) ?? throw new HubException($"the student's session has no node '{node}'");
        if (!session.TerminalsOf(node).Contains(terminal))
            throw new HubException($"{node} has no terminal '{terminal}'");
        string key = WatchKey(classId, learner, node);
        Context.Items[key] = session.Token; // what HelpInput types into: the session this watch was allowed for
        using var watching = watch.Begin(session.Token, instructorId, instructorName);
        await foreach (var message in RelayAsync(target, node, key, terminal, cancellationToken))
            yield return message;
    }

    /// <summary>An instructor's keys for a watched terminal: refused unless the student accepted their help.</summary>
    public async Task HelpInput(int classId, string learner, string node, string terminal, string data)
    {
        string instructorId = InstructorId(); // per key: the claims alone, no database read
        string key = WatchKey(classId, learner, node);
        if (relays.Find(Context.ConnectionId, key, terminal) is not { } relay || Context.Items[key] is not string session)
            throw new HubException("you are not watching that terminal");
        if (!watch.MayType(session, instructorId))
            throw new HubException("the student has not accepted your help: you can watch, not type");
        await relay.SendInputAsync(Encoding.UTF8.GetBytes(data), Context.ConnectionAborted);
    }

    /// <summary>Flow-control credit of a watched terminal (as <see cref="Ack"/>).</summary>
    public Task WatchAck(int classId, string learner, string node, string terminal, long bytes) =>
        AcknowledgeAsync(relays.Find(Context.ConnectionId, WatchKey(classId, learner, node), terminal), bytes);

    private async IAsyncEnumerable<byte[]> RelayAsync(Node target, string node, string key, string terminal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TerminalRelay relay;
        try
        {
            relay = new TerminalRelay(await host.AttachAsync(target.SandboxId, terminal, cancellationToken));
        }
        catch (ContainerLabApiException e)
        {
            throw new HubException($"{node} is not reachable: {e.Detail}");
        }
        if (relays.Add(Context.ConnectionId, key, terminal, relay) is { } previous)
            await previous.DisposeAsync();
        try
        {
            await foreach (var message in relay.ReadAsync(cancellationToken))
                yield return message;
        }
        finally
        {
            relays.Remove(Context.ConnectionId, key, terminal, relay);
            await relay.DisposeAsync();
        }
    }

    /// <summary>A watch's key among the connection's relays: never a node name of the connection's own session.</summary>
    private static string WatchKey(int classId, string learner, string node) => $"watch/{classId}/{learner}/{node}";

    private string InstructorId()
    {
        var user = Context.User;
        if (user is null || !user.IsInRole(Roles.Instructor) || Learner.AccountId(user) is not { } id)
            throw new HubException("only a class's instructor can watch a student's terminal");
        return id;
    }

    private async Task<StudentSession> WatchedSessionAsync(string instructorId, int classId, string learner)
    {
        try
        {
            var student = await reach.StudentAsync(instructorId, classId, learner, Context.ConnectionAborted);
            return student.Session ?? throw new HubException($"{student.Member.DisplayName} has no session open");
        }
        catch (ClassReachException e)
        {
            throw new HubException(e.Message);
        }
    }

    /// <summary>Keystrokes and pastes (xterm.js onData): UTF-16 from the browser, UTF-8 to the pty.</summary>
    public Task Input(string node, string terminal, string data) =>
        SendAsync(node, terminal, Encoding.UTF8.GetBytes(data));

    /// <summary>Raw bytes (xterm.js onBinary, e.g. some mouse reports).</summary>
    public Task InputBytes(string node, string terminal, byte[] data) => SendAsync(node, terminal, data);

    public async Task Resize(string node, string terminal, int columns, int rows)
    {
        var (session, target) = Resolve(node, terminal);
        if (columns is < 1 or > 1000 || rows is < 1 or > 1000)
            throw new HubException("terminal size must be 1..1000 columns and rows");
        await host.ResizeAsync(target.SandboxId, terminal, new TerminalSizeDto(columns, rows), Context.ConnectionAborted);
        session.Resized(node, terminal, columns, rows);
    }

    /// <summary>The browser parsed or dropped this many bytes of output: flow-control credit (see <see cref="FlowControl"/>).</summary>
    public async Task Ack(string node, string terminal, long bytes)
    {
        Resolve(node, terminal);
        await AcknowledgeAsync(relays.Find(Context.ConnectionId, node, terminal), bytes);
    }

    private async Task AcknowledgeAsync(TerminalRelay? relay, long bytes)
    {
        if (relay is null)
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
