using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Sandboxes;
using ContainerLab.Engine.Terminals;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>
/// The attach WebSocket (see <see cref="AttachProtocol"/>): output frames tagged with their stream, input as
/// binary frames, one exit message at the end. Output is pulled from a bounded per-client queue, so a slow
/// client slows the pty reader instead of growing memory.
/// </summary>
internal static class AttachEndpoint
{
    private const int MaxInputFrame = 64 * 1024;

    public static async Task HandleAsync(HttpContext context, SandboxService engine, string id, string process, bool replay)
    {
        if (!context.WebSockets.IsWebSocketRequest)
            throw new InvalidRequestException("attach needs a WebSocket upgrade request");
        var io = engine.GetIo(id, process); // 404 before the upgrade
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        // The client's close frame (a detach) ends the output too: the handshake is completed below, so the client's
        // pending read ends with the close instead of a dropped connection.
        var input = PumpInputAsync(socket, io, stop);
        var (status, reason) = (WebSocketCloseStatus.NormalClosure, "detached");
        try
        {
            try
            {
                await foreach (var chunk in io.ReadAsync(replay, stop.Token))
                    await SendChunkAsync(socket, chunk, stop.Token);
                int? exitCode = await engine.WaitAsync(id, process, stop.Token);
                byte[] exit = JsonSerializer.SerializeToUtf8Bytes(new AttachExitMessage("exit", exitCode), ApiJsonContext.Default.AttachExitMessage);
                await socket.SendAsync(exit, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
                reason = "process exited";
            }
            catch (NotFoundException)
            {
                (status, reason) = (WebSocketCloseStatus.EndpointUnavailable, "sandbox removed");
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // The client detached or went away: nothing to tell anyone.
            }
            await CloseAsync(socket, status, reason);
            // Cancelling a WebSocket read aborts the connection, which could drop the close frame just sent: give the
            // client a moment to answer it (its close, or its connection dropped, ends the input pump).
            // (Its outcome is observed below.)
            await input.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            await stop.CancelAsync();
            // Input after the end (or to a pty the process has hung up) goes nowhere.
            try { await input; } catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException) { }
        }
    }

    /// <summary>Best effort, and briefly: a client that is already gone cannot answer.</summary>
    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await socket.CloseOutputAsync(status, reason, timeout.Token); }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }

    private static async Task SendChunkAsync(WebSocket socket, OutputChunk chunk, CancellationToken cancellationToken)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(chunk.Data.Length + 1);
        try
        {
            frame[0] = (byte)chunk.Kind;
            chunk.Data.Span.CopyTo(frame.AsSpan(1));
            await socket.SendAsync(frame.AsMemory(0, chunk.Data.Length + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private static async Task PumpInputAsync(WebSocket socket, ProcessIo io, CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        byte[] buffer = new byte[MaxInputFrame];
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await stop.CancelAsync();
                return;
            }
            if (result.MessageType == WebSocketMessageType.Binary && result.Count > 0 && io.IsTerminal)
                await io.WriteAsync(buffer.AsMemory(0, result.Count), cancellationToken);
        }
    }
}
