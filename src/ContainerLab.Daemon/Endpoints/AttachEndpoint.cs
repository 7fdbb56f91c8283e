using System.Buffers;
using System.Runtime.CompilerServices;
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
/// client slows the pty reader instead of growing memory. With a window the client's acknowledgements pace the output
/// instead of the socket's buffers, so a terminal's flush reaches it at once, not behind what the socket holds.
/// </summary>
internal static class AttachEndpoint
{
    private const int MaxInputFrame = 64 * 1024;

    public static async Task HandleAsync(HttpContext context, SandboxService engine, string id, string process, bool replay, long? windowBytes)
    {
        if (windowBytes is < AttachProtocol.MinWindowBytes or > AttachProtocol.MaxWindowBytes)
            throw new InvalidRequestException(
                $"window must be between {AttachProtocol.MinWindowBytes / 1024} KiB and {AttachProtocol.MaxWindowBytes / 1024 / 1024} MiB (in bytes), not {windowBytes}");
        if (!context.WebSockets.IsWebSocketRequest)
            throw new InvalidRequestException("attach needs a WebSocket upgrade request");
        var io = engine.GetIo(id, process); // 404 before the upgrade
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var window = windowBytes is long size ? new AttachWindow(size) : null;
        Action? wake = window is null ? null : window.Wake;
        io.Flushed += wake;
        // The client's close frame (a detach) ends the output too: the handshake is completed below, so the client's
        // pending read ends with the close instead of a dropped connection.
        var refused = new StrongBox<string?>();
        var input = PumpInputAsync(socket, io, window, refused, stop);
        var (status, reason) = (WebSocketCloseStatus.NormalClosure, "detached");
        try
        {
            try
            {
                await foreach (var chunk in io.ReadAsync(replay, stop.Token))
                {
                    // Flushed while it waited for room: the kernel dropped the output after it, so it goes too.
                    if (window is not null && chunk.Kind != OutputKind.Flush && !await window.WaitForRoomAsync(() => io.IsStale(chunk), stop.Token))
                        continue;
                    await SendChunkAsync(socket, chunk, stop.Token);
                    window?.Sent(chunk.Data.Length);
                }
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
                // The client detached or went away (nothing to tell anyone), or sent what is not an acknowledgement.
                if (refused.Value is string why)
                    (status, reason) = (WebSocketCloseStatus.InvalidPayloadData, why);
            }
            await CloseAsync(socket, status, reason);
            // Cancelling a WebSocket read aborts the connection, which could drop the close frame just sent: give the
            // client a moment to answer it (its close, or its connection dropped, ends the input pump).
            // (Its outcome is observed below.)
            await input.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            io.Flushed -= wake;
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

    /// <summary>The bytes of {"type":"ack","bytes":N}; anything else ends the attach with a close frame that says why.</summary>
    private static long ReadAcknowledgement(ReadOnlySpan<byte> frame, bool whole)
    {
        AttachAckMessage? ack = null;
        try { ack = whole ? JsonSerializer.Deserialize(frame, ApiJsonContext.Default.AttachAckMessage) : null; }
        catch (JsonException) { }
        if (ack is { Type: "ack", Bytes: >= 0 })
            return ack.Bytes;
        throw new InvalidRequestException("a text frame to attach must be {\"type\":\"ack\",\"bytes\":N} with N >= 0");
    }

    private static async Task PumpInputAsync(WebSocket socket, ProcessIo io, AttachWindow? window, StrongBox<string?> refused,
        CancellationTokenSource stop)
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
            else if (result.MessageType == WebSocketMessageType.Text)
            {
                try { window?.Acknowledge(ReadAcknowledgement(buffer.AsSpan(0, result.Count), result.EndOfMessage)); }
                catch (InvalidRequestException e)
                {
                    refused.Value = e.Message; // said in the close frame, before the output loop is stopped
                    await stop.CancelAsync();
                    return;
                }
            }
        }
    }
}
