using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Api.Client;

/// <summary>
/// One frame of an attach stream: output of a stream, a flush (the terminal discarded its pending output: output not
/// shown yet may be dropped), or the process's end with its exit code.
/// </summary>
public readonly record struct AttachFrame(byte Stream, ReadOnlyMemory<byte> Data, bool IsExit, int? ExitCode)
{
    public bool IsFlush => !IsExit && Stream == AttachProtocol.Flush;
}

/// <summary>
/// A client's end of the attach WebSocket (see <see cref="AttachProtocol"/>). Output ends quietly when the process exits,
/// when the daemon closes the stream (the sandbox was removed) and when this end detaches (<see cref="DisposeAsync"/>,
/// even while a read is pending); only a connection that breaks on its own throws.
/// </summary>
public sealed class ProcessAttachment(ClientWebSocket socket) : IAsyncDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1); // a WebSocket takes one send at a time: input and acknowledgements
    private int _detached;

    private bool Detached => Volatile.Read(ref _detached) == 1;

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
                try
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (Detached && e is WebSocketException or ObjectDisposedException or OperationCanceledException)
                {
                    yield break; // our own detach aborted the pending read
                }
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

    /// <summary>Writes to the process's stdin. After a detach, or once the stream has closed, input goes nowhere (like a hung-up tty's).</summary>
    public async Task SendInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await SendAsync(data, WebSocketMessageType.Binary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>With a window (attach's window=N): <paramref name="bytes"/> more output bytes were shown or dropped.</summary>
    public async Task AcknowledgeAsync(long bytes, CancellationToken cancellationToken = default)
    {
        if (bytes <= 0)
            return;
        byte[] ack = JsonSerializer.SerializeToUtf8Bytes(new AttachAckMessage("ack", bytes), ApiJsonContext.Default.AttachAckMessage);
        await SendAsync(ack, WebSocketMessageType.Text, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        try
        {
            await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (Detached) { return; }
        try
        {
            await socket.SendAsync(data, type, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException && (Detached || socket.State != WebSocketState.Open)) { }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Detaches: says so to the daemon (close frame) and drops the connection; the process keeps running. Safe to call twice, concurrently.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _detached, 1) == 1)
            return;
        if (socket.State == WebSocketState.Open)
        {
            try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "detached", CancellationToken.None).ConfigureAwait(false); }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException) { }
        }
        socket.Dispose();
    }
}
