using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ContainerLab.Api.Client;
using Microsoft.AspNetCore.SignalR;

namespace ContainerLab.Web.Terminals;

/// <summary>
/// One browser terminal's connection to a sandbox process: the daemon's attach stream in, SignalR messages out.
/// The attachment has the daemon's window (<see cref="FlowControl"/>): the browser's acknowledgements go through to
/// the daemon, which bounds what is held here. A flush from the daemon becomes an empty message, the browser's cue to
/// drop what it has not parsed. Input goes straight through, so Ctrl-C is never stuck behind output.
/// </summary>
public sealed class TerminalRelay(ProcessAttachment attachment) : IAsyncDisposable
{
    // Unbounded: the daemon sends no more than the window the browser has not acknowledged.
    private readonly Channel<AttachFrame> _frames = Channel.CreateUnbounded<AttachFrame>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly object _gate = new();
    private long _unacknowledged;
    private Task? _pump;

    /// <summary>Bytes given to the browser and not yet acknowledged by it.</summary>
    public long Unacknowledged
    {
        get { lock (_gate) return _unacknowledged; }
    }

    /// <summary>Set when the process ended: its exit code (null if unknown).</summary>
    public int? ExitCode { get; private set; }

    /// <summary>
    /// Output as messages of at most <see cref="FlowControl.MaxMessageBytes"/>, an empty one after a flush; ends
    /// when the process does.
    /// </summary>
    public async IAsyncEnumerable<byte[]> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _pump ??= Task.Run(() => PumpAsync(cancellationToken), cancellationToken);
        var buffer = new MemoryStream();
        while (await _frames.Reader.WaitToReadAsync(cancellationToken))
        {
            buffer.SetLength(0);
            bool flushed = false;
            while (buffer.Length < FlowControl.MaxMessageBytes && _frames.Reader.TryRead(out var frame))
            {
                if (frame.IsFlush)
                {
                    // What was gathered before it is older than the flush: the daemon learns it was dropped.
                    await attachment.AcknowledgeAsync(buffer.Length, cancellationToken);
                    buffer.SetLength(0);
                    flushed = true;
                    continue;
                }
                buffer.Write(frame.Data.Span);
            }
            if (flushed)
                yield return [];
            if (buffer.Length == 0)
                continue;
            lock (_gate)
                _unacknowledged += buffer.Length;
            yield return buffer.ToArray();
        }
    }

    /// <summary>The browser parsed or dropped <paramref name="bytes"/>: the daemon may send as many more.</summary>
    public Task AcknowledgeAsync(long bytes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            bytes = Math.Clamp(bytes, 0, _unacknowledged); // a confused or hostile client cannot bank credit
            _unacknowledged -= bytes;
        }
        return attachment.AcknowledgeAsync(bytes, cancellationToken);
    }

    public Task SendInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        attachment.SendInputAsync(data, cancellationToken);

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in attachment.ReadAsync(cancellationToken))
            {
                if (frame.IsExit)
                {
                    ExitCode = frame.ExitCode;
                    break;
                }
                _frames.Writer.TryWrite(frame);
            }
            _frames.Writer.TryComplete();
        }
        catch (OperationCanceledException)
        {
            _frames.Writer.TryComplete();
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException)
        {
            // The daemon's connection broke (it stopped or crashed): a real failure, which the browser shows and
            // SignalR logs once, with this as its cause. Detaching and the node's removal end the stream quietly instead.
            _frames.Writer.TryComplete(new HubException($"the terminal lost its connection to containerlabd: {e.Message}"));
        }
        catch (Exception e) // a defect: the stream fails with it, and SignalR logs it with its stack
        {
            _frames.Writer.TryComplete(e);
        }
    }

    public ValueTask DisposeAsync() => attachment.DisposeAsync();
}
