using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Api.Client;

/// <summary>One frame of an attach stream: output of a stream, or the process's end with its exit code.</summary>
public readonly record struct AttachFrame(byte Stream, ReadOnlyMemory<byte> Data, bool IsExit, int? ExitCode);

/// <summary>A client's end of the attach WebSocket (see <see cref="AttachProtocol"/>).</summary>
public sealed class ProcessAttachment(ClientWebSocket socket) : IAsyncDisposable
{
    public async IAsyncEnumerable<AttachFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            ValueWebSocketReceiveResult result;
            message.SetLength(0);
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
            if (result.MessageType == WebSocketMessageType.Close)
                yield break;
            byte[] frame = message.ToArray();
            if (result.MessageType == WebSocketMessageType.Text)
            {
                var exit = JsonSerializer.Deserialize(frame, ApiJsonContext.Default.AttachExitMessage);
                if (exit?.Type == "exit")
                    yield return new AttachFrame(0, default, true, exit.ExitCode);
            }
            else if (frame.Length > 0)
            {
                yield return new AttachFrame(frame[0], frame.AsMemory(1), false, null);
            }
        }
    }

    public Task SendInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        socket.SendAsync(data, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "detached", CancellationToken.None).ConfigureAwait(false); }
            catch (WebSocketException) { }
        }
        socket.Dispose();
    }
}
