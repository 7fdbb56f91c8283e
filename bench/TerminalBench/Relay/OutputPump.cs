using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ContainerLab.Api.Client;

namespace ContainerLab.Bench.TerminalRelay;

/// <summary>
/// The daemon's attach stream in, messages for a browser out, with the web's flow control: the same constants and the
/// same coalescing as src/ContainerLab.Web/Terminals/TerminalRelay.cs + FlowControl.cs (copied, so that only the
/// browser hop differs between the contenders).
/// </summary>
internal sealed class OutputPump(ProcessAttachment attachment) : IAsyncDisposable
{
    public const long HighWatermarkBytes = 2 * 1024 * 1024;
    public const long LowWatermarkBytes = 512 * 1024;
    public const int MaxMessageBytes = 64 * 1024;
    public const int QueueFrames = 16;

    private readonly Channel<ReadOnlyMemory<byte>> _frames = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(QueueFrames) { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _drained = new(0);
    private long _unacknowledged;
    private Task? _pump;

    private long Unacknowledged => Interlocked.Read(ref _unacknowledged);

    /// <summary>Whatever output is waiting, as one message of at most <see cref="MaxMessageBytes"/> (no waiting to coalesce).</summary>
    public async IAsyncEnumerable<byte[]> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _pump ??= Task.Run(() => PumpAsync(cancellationToken), cancellationToken);
        var buffer = new MemoryStream();
        while (await _frames.Reader.WaitToReadAsync(cancellationToken))
        {
            buffer.SetLength(0);
            while (buffer.Length < MaxMessageBytes && _frames.Reader.TryRead(out var frame))
                buffer.Write(frame.Span);
            if (buffer.Length == 0)
                continue;
            long pending = Interlocked.Add(ref _unacknowledged, buffer.Length);
            yield return buffer.ToArray();
            while (pending > HighWatermarkBytes && Unacknowledged > LowWatermarkBytes)
                await _drained.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public void Acknowledge(long bytes)
    {
        if (bytes <= 0)
            return;
        if (Interlocked.Add(ref _unacknowledged, -bytes) < 0)
            Interlocked.Exchange(ref _unacknowledged, 0);
        if (Unacknowledged <= LowWatermarkBytes && _drained.CurrentCount == 0)
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
                    break;
                await _frames.Writer.WriteAsync(frame.Data, cancellationToken);
            }
            _frames.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _frames.Writer.TryComplete(e is OperationCanceledException ? null : e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await attachment.DisposeAsync();
        _drained.Dispose();
    }
}
