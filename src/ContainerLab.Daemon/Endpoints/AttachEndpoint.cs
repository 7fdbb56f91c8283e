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
        var input = PumpInputAsync(socket, io, stop.Token);
        try
        {
            await foreach (var chunk in io.ReadAsync(replay, stop.Token))
                await SendChunkAsync(socket, chunk, stop.Token);
            int? exitCode = await engine.WaitAsync(id, process, stop.Token);
            byte[] exit = JsonSerializer.SerializeToUtf8Bytes(new AttachExitMessage("exit", exitCode), ApiJsonContext.Default.AttachExitMessage);
            await socket.SendAsync(exit, WebSocketMessageType.Text, endOfMessage: true, stop.Token);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "process exited", stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or NotFoundException)
        {
            // The client went away (or the sandbox was removed meanwhile): nothing to tell anyone.
        }
        finally
        {
            await stop.CancelAsync();
            try { await input; } catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
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

    private static async Task PumpInputAsync(WebSocket socket, ProcessIo io, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxInputFrame];
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return;
            if (result.MessageType == WebSocketMessageType.Binary && result.Count > 0 && io.IsTerminal)
                await io.WriteAsync(buffer.AsMemory(0, result.Count), cancellationToken);
        }
    }
}
