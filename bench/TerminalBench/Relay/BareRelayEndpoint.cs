using WebTerminalRelay = ContainerLab.Web.Terminals.TerminalRelay;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using ContainerLab.Api.Client;

namespace ContainerLab.Bench.TerminalRelay;

/// <summary>
/// The baseline: GET /ws?sandbox=ID upgrades to a WebSocket that relays the sandbox's init process. Output goes out as
/// binary frames (coalesced and flow-controlled by <see cref="WebTerminalRelay"/>); binary frames in are keystrokes; text
/// frames in are "ack N" (bytes xterm.js has parsed) and "resize COLS ROWS". No Origin or identity check: a bench only.
/// </summary>
internal static class BareRelayEndpoint
{
    public static async Task HandleAsync(HttpContext context, ContainerLabClient daemon)
    {
        if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["sandbox"].ToString() is not { Length: > 0 } sandbox)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        await using var pump = new WebTerminalRelay(await daemon.AttachAsync(sandbox, "init", replay: true, ContainerLab.Web.Terminals.FlowControl.WindowBytes, stop.Token));
        var output = Task.Run(async () =>
        {
            await foreach (var message in pump.ReadAsync(stop.Token))
                await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, stop.Token);
        });
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close || !result.EndOfMessage)
                    break;
                if (result.MessageType == WebSocketMessageType.Binary)
                    await pump.SendInputAsync(buffer.AsMemory(0, result.Count), stop.Token);
                else
                    await ControlAsync(Encoding.ASCII.GetString(buffer, 0, result.Count).Split(' '), pump, daemon, sandbox, stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        finally
        {
            await stop.CancelAsync();
            try { await output; } catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
    }

    private static Task ControlAsync(string[] words, WebTerminalRelay pump, ContainerLabClient daemon, string sandbox, CancellationToken ct)
    {
        switch (words)
        {
            case ["ack", var bytes]:
                return pump.AcknowledgeAsync(long.Parse(bytes, CultureInfo.InvariantCulture), ct);
            case ["resize", var cols, var rows]:
                return daemon.ResizeAsync(sandbox, "init", new(int.Parse(cols, CultureInfo.InvariantCulture), int.Parse(rows, CultureInfo.InvariantCulture)), ct);
            default:
                return Task.CompletedTask;
        }
    }
}
