using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ContainerLab.Api.Client;
using Microsoft.AspNetCore.SignalR;

namespace ContainerLab.Web.Terminals;

/// <summary>
/// One browser terminal's connection to a sandbox process: the daemon's attach stream in, SignalR messages out.
/// Output waits while the browser has more than the high watermark unacknowledged (see <see cref="FlowControl"/>);
/// input goes straight through, so Ctrl-C is never stuck behind output.
/// </summary>
public sealed class TerminalRelay(ProcessAttachment attachment) : IAsyncDisposable
{
    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(FlowControl.RelayQueueFrames) { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _drained = new(0);
    private long _unacknowledged;
    private Task? _pump;

    public long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    /// <summary>Set when the process ended: its exit code (null if unknown).</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Output as messages of at most <see cref="FlowControl.MaxMessageBytes"/>; ends when the process does.</summary>
    public async IAsyncEnumerable<byte[]> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _pump ??= Task.Run(() => PumpAsync(cancellationToken), cancellationToken);
        var buffer = new MemoryStream();
        while (await _frames.Reader.WaitToReadAsync(cancellationToken))
        {
            buffer.SetLength(0);
            while (buffer.Length < FlowControl.MaxMessageBytes && _frames.Reader.TryRead(out var frame))
                buffer.Write(frame.Span);
            if (buffer.Length == 0)
                continue;
            long pending = Interlocked.Add(ref _unacknowledged, buffer.Length);
            yield return buffer.ToArray();
            // Above the high watermark: wait for acknowledgements to bring it below the low one.
            while (pending > FlowControl.HighWatermarkBytes && Unacknowledged > FlowControl.LowWatermarkBytes)
                await _drained.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public void Acknowledge(long bytes)
    {
        if (bytes <= 0)
            return;
        if (Interlocked.Add(ref _unacknowledged, -bytes) < 0)
            Interlocked.Exchange(ref _unacknowledged, 0); // a confused or hostile client cannot bank credit
        if (Unacknowledged <= FlowControl.LowWatermarkBytes && _drained.CurrentCount == 0)
            _drained.Release();
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
                await _frames.Writer.WriteAsync(frame.Data, cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        await attachment.DisposeAsync();
        _drained.Dispose();
    }
}
