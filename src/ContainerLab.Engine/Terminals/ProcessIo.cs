using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Terminals;

/// <summary>
/// The input and output of one sandbox process: a pty master, or stdout/stderr pipes. Output is pumped
/// through the <see cref="FdPoller"/> into a bounded <see cref="Scrollback"/> and into one bounded channel
/// per attached client. A client that does not read fills its channel; the pump then stops reading, the
/// kernel's pty buffer fills and the writer inside the sandbox blocks: back-pressure, nothing unbounded.
/// When input makes a terminal's line discipline discard the output it has not delivered (a ^C: ISIG without NOFLSH),
/// the chunks read before it are discarded here too (older than the flush: <see cref="OutputChunk.Epoch"/>), and each
/// client's next output is preceded by an <see cref="OutputKind.Flush"/> chunk, so it can drop what it holds as well.
/// </summary>
public sealed class ProcessIo : IAsyncDisposable
{
    /// <summary>Chunks (each at most <see cref="ReadSize"/>) queued per attached client before the pump waits.</summary>
    public const int ClientQueueChunks = 16;
    public const int ReadSize = 16 * 1024;

    private readonly object _gate = new();
    private readonly Scrollback _scrollback;
    private readonly List<Channel<OutputChunk>> _clients = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly PtyMaster? _pty;
    private readonly SafeHandle? _input;
    private readonly IDisposable[] _owned;
    private readonly FdPoller _poller;
    private readonly CancellationTokenSource _stop = new();
    private bool _completed;
    private long _epoch;
    private long _discardUntil; // Environment.TickCount64 until which terminal output awaits the kernel's flush; 0: none

    /// <summary>How long after a ^C the pump waits for the kernel's flush before it passes output on again.</summary>
    private const int KernelFlushWaitMs = 500;

    private ProcessIo(PtyMaster? pty, SafeHandle? input, (SafeHandle Fd, OutputKind Kind)[] outputs, int scrollbackBytes,
        FdPoller poller, IDisposable[] owned)
    {
        _pty = pty;
        _input = input;
        _poller = poller;
        _owned = owned;
        _scrollback = new Scrollback(scrollbackBytes);
        foreach (var (fd, _) in outputs)
            SetNonBlocking(fd);
        pty?.EnablePacketMode();
        Completion = Task.WhenAll(outputs.Select(o => Task.Run(() => PumpAsync(o.Fd, o.Kind)))).ContinueWith(_ => Complete(),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public static ProcessIo ForTerminal(PtyMaster pty, int scrollbackBytes, FdPoller? poller = null) =>
        new(pty, pty.Handle, [(pty.Handle, OutputKind.Terminal)], scrollbackBytes, poller ?? FdPoller.Shared, [pty]);

    /// <summary>Output from pipes; <paramref name="owned"/> (the pipe streams) are disposed with this.</summary>
    public static ProcessIo ForPipes(SafeHandle stdout, SafeHandle stderr, int scrollbackBytes, IDisposable[] owned, FdPoller? poller = null) =>
        new(null, null, [(stdout, OutputKind.Stdout), (stderr, OutputKind.Stderr)], scrollbackBytes, poller ?? FdPoller.Shared, owned);

    public bool IsTerminal => _pty is not null;

    /// <summary>Raised (on the writer) when input flushes the terminal's output: see <see cref="IsStale"/>.</summary>
    public event Action? Flushed;

    /// <summary>Read before the terminal's latest flush: the kernel drops what followed it unread, so this goes too.</summary>
    public bool IsStale(OutputChunk chunk) => chunk.Epoch < Interlocked.Read(ref _epoch);

    /// <summary>Completes when every output stream reached end of file (all writers in the sandbox closed it).</summary>
    public Task Completion { get; }

    public TerminalSize? Size => _pty?.Size;

    public void Resize(TerminalSize size) =>
        (_pty ?? throw new Errors.ConflictException("the process has no terminal to resize")).Resize(size);

    /// <summary>
    /// Output from now on, preceded by the scrollback when <paramref name="replay"/> is set. Ends when the
    /// process's output ends or the caller cancels.
    /// </summary>
    public async IAsyncEnumerable<OutputChunk> ReadAsync(bool replay, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<OutputChunk>(new BoundedChannelOptions(ClientQueueChunks)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        OutputChunk[] history;
        long seen;
        lock (_gate)
        {
            seen = Interlocked.Read(ref _epoch);
            // Snapshot and subscribe under the pump's lock: every chunk is either in the snapshot or sent live, never both.
            history = replay ? _scrollback.Snapshot() : [];
            if (_completed)
                channel.Writer.TryComplete();
            else
                _clients.Add(channel);
        }
        try
        {
            foreach (var chunk in history)
                yield return chunk with { Epoch = seen }; // shown as it was read, flushed or not
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (IsStale(chunk))
                    continue;
                if (chunk.Epoch > seen)
                {
                    seen = chunk.Epoch;
                    yield return new OutputChunk(OutputKind.Flush, ReadOnlyMemory<byte>.Empty, seen);
                }
                yield return chunk;
            }
        }
        finally
        {
            lock (_gate)
                _clients.Remove(channel);
            channel.Writer.TryComplete();
        }
    }

    /// <summary>Writes input (keystrokes, pastes) to the terminal. Input to an exited process is dropped.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (_input is null)
            throw new Errors.ConflictException("the process has no input stream (it was started without a terminal)");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Counted before the write: everything read so far is older than the kernel's flush, and the output it is
            // about to drop can only be read after this. (The pump reads the master, so it cannot wait for the kernel's
            // word, TIOCPKT_FLUSHWRITE, while a full client queue holds it up: the flush would come after the backlog.)
            if (_pty is not null && data.Span.IndexOfAny(_pty.FlushingCharacters()) >= 0)
            {
                // Until the kernel's own flush (TIOCPKT_FLUSHWRITE), what the pump reads is output the line discipline
                // is about to discard: it read it only because its work queue had not processed the ^C yet (a busy
                // machine took long enough for tens of KiB of a flood). Bounded, should that flush never come.
                Interlocked.Exchange(ref _discardUntil, Environment.TickCount64 + KernelFlushWaitMs);
                Flush();
            }
            while (!data.IsEmpty)
            {
                int written = WriteNonBlocking(_input, data.Span);
                if (written == Gone)
                    return;
                if (written == WouldBlock)
                    await _poller.WaitWritableAsync(_input, cancellationToken).ConfigureAwait(false);
                else
                    data = data[written..];
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task PumpAsync(SafeHandle fd, OutputKind kind)
    {
        var buffer = new byte[ReadSize];
        while (true)
        {
            int read = ReadNonBlocking(fd, buffer);
            if (read == WouldBlock)
            {
                try { await _poller.WaitReadableAsync(fd, _stop.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            if (read == Gone || read == 0)
                return;
            int start = 0;
            if (_pty is not null && kind == OutputKind.Terminal) // packet mode: a status byte first
            {
                if (buffer[0] != Interop.Libc.TIOCPKT_DATA)
                {
                    if ((buffer[0] & Interop.Libc.TIOCPKT_FLUSHWRITE) != 0 && Interlocked.Exchange(ref _discardUntil, 0) == 0)
                        Flush(); // a flush the program asked for (tcflush), not one a ^C of ours announced
                    continue;
                }
                if (Environment.TickCount64 < Interlocked.Read(ref _discardUntil))
                    continue; // before the kernel's flush of a ^C: discarded by it
                start = 1;
                if (read == 1)
                    continue;
            }
            Channel<OutputChunk>[] clients;
            OutputChunk chunk;
            lock (_gate)
            {
                chunk = new OutputChunk(kind, buffer.AsSpan(start, read - start).ToArray(), Interlocked.Read(ref _epoch));
                _scrollback.Append(chunk);
                clients = [.. _clients];
            }
            foreach (var client in clients)
            {
                try { await client.Writer.WriteAsync(chunk).ConfigureAwait(false); }
                catch (ChannelClosedException) { } // that client detached meanwhile
            }
        }
    }

    private void Flush()
    {
        Interlocked.Increment(ref _epoch);
        Flushed?.Invoke();
    }

    private void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var client in _clients)
                client.Writer.TryComplete();
        }
    }

    private const int WouldBlock = -1;
    private const int Gone = -2;

    private static unsafe int ReadNonBlocking(SafeHandle fd, byte[] buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n;
            do n = Interop.Libc.Read((int)fd.DangerousGetHandle(), p, (nuint)buffer.Length);
            while (IsInterrupted(n, "read"));
            return Outcome(n, "read");
        }
    }

    private static unsafe int WriteNonBlocking(SafeHandle fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            nint n;
            do n = Interop.Libc.Write((int)fd.DangerousGetHandle(), p, (nuint)data.Length);
            while (IsInterrupted(n, "write"));
            return Outcome(n, "write");
        }
    }

    private static bool IsInterrupted(nint result, string operation) => Answer(result, operation) == Interop.EINTR;

    /// <summary>
    /// The byte count, or <see cref="WouldBlock"/> (EAGAIN), or <see cref="Gone"/>: a pty master fails with EIO once
    /// no process holds the slave any more, a pipe with EPIPE once its reader is gone; both mean the other end is over.
    /// </summary>
    private static int Outcome(nint result, string operation)
    {
        if (result >= 0)
            return (int)result;
        return Answer(result, operation) == Interop.EAGAIN ? WouldBlock : Gone;
    }

    private static int Answer(nint result, string operation) =>
        Interop.Answer(result, operation, "sandbox process stream", Interop.EINTR, Interop.EAGAIN, Interop.EIO, Interop.EPIPE);

    private static void SetNonBlocking(SafeHandle fd)
    {
        int handle = (int)fd.DangerousGetHandle();
        int flags = Interop.Check(() => Interop.Libc.Fcntl(handle, Interop.Libc.F_GETFL, 0), "fcntl(F_GETFL)");
        Interop.Check(() => Interop.Libc.Fcntl(handle, Interop.Libc.F_SETFL, flags | Interop.Libc.O_NONBLOCK), "fcntl(F_SETFL, O_NONBLOCK)");
    }

    public async ValueTask DisposeAsync()
    {
        // Stop the pumps first (they hold references to the fds), then close: closing the master hangs up
        // the terminal (SIGHUP to its session).
        _stop.Cancel();
        try { await Completion.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        catch (Errors.ContainerLabException) { }
        catch (ObjectDisposedException) { }
        foreach (var owned in _owned)
            owned.Dispose();
        _writeLock.Dispose();
        _stop.Dispose();
    }
}
