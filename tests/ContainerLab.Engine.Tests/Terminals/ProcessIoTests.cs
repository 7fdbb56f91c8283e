using System.IO.Pipes;
using System.Text;
using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Terminals;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Terminals;

/// <summary>ProcessIo over real pipes (no root needed): order, replay, stream tags, end of output, back-pressure.</summary>
public sealed class ProcessIoTests : IDisposable
{
    private readonly FdPoller _poller = new();
    private readonly AnonymousPipeServerStream _stdout = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _stderr = new(PipeDirection.Out);

    private ProcessIo Create(int scrollback = 1 << 20)
    {
        var stdoutReader = new AnonymousPipeClientStream(PipeDirection.In, _stdout.ClientSafePipeHandle);
        var stderrReader = new AnonymousPipeClientStream(PipeDirection.In, _stderr.ClientSafePipeHandle);
        return ProcessIo.ForPipes(stdoutReader.SafePipeHandle, stderrReader.SafePipeHandle, scrollback, [stdoutReader, stderrReader], _poller);
    }

    [Fact]
    public async Task Output_arrives_tagged_by_stream_and_ends_when_the_writers_close()
    {
        await using var io = Create();
        // replay: whatever the pump read before this client subscribed comes from the scrollback, the rest live.
        var reading = Collect(io, replay: true);
        await _stdout.WriteAsync("out"u8.ToArray());
        await _stderr.WriteAsync("err"u8.ToArray());
        _stdout.Dispose();
        _stderr.Dispose();
        var chunks = await reading.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("out", Text(chunks, OutputKind.Stdout));
        Assert.Equal("err", Text(chunks, OutputKind.Stderr));
        await io.Completion.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_late_client_gets_the_scrollback_first_and_nothing_twice()
    {
        await using var io = Create();
        var first = Collect(io, replay: true);
        await _stdout.WriteAsync("before "u8.ToArray());
        await Task.Delay(200); // let the pump read "before "
        var late = Collect(io, replay: true);
        await Task.Delay(100);
        await _stdout.WriteAsync("after"u8.ToArray());
        _stdout.Dispose();
        _stderr.Dispose();
        Assert.Equal("before after", Text(await late.WaitAsync(TimeSpan.FromSeconds(5)), OutputKind.Stdout));
        Assert.Equal("before after", Text(await first.WaitAsync(TimeSpan.FromSeconds(5)), OutputKind.Stdout));
    }

    [Fact]
    public async Task A_client_that_does_not_read_stops_the_pump_instead_of_growing_memory()
    {
        await using var io = Create(scrollback: 1024);
        await using var stalled = io.ReadAsync(replay: false).GetAsyncEnumerator(); // subscribed, never read past the first
        var first = stalled.MoveNextAsync();
        byte[] block = new byte[ProcessIo.ReadSize];
        long written = 0;
        var writer = Task.Run(async () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                await _stdout.WriteAsync(block);
                Interlocked.Add(ref written, block.Length);
            }
        });
        Assert.True(await first.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        // The client's queue fills, the pump stops reading, and the kernel's pipe buffer fills behind it: the
        // writer cannot place another block. A pump that kept reading would leave room and this would time out.
        int capacity = Interop.Libc.Fcntl((int)_stdout.SafePipeHandle.DangerousGetHandle(), FGetPipeSize, 0);
        Assert.True(capacity > 0);
        await Eventually.TrueAsync(() => Queued() > capacity - block.Length, TimeSpan.FromSeconds(30), "the pipe never filled behind the stalled client");
        Assert.False(writer.IsCompleted);
        long bound = (long)(ProcessIo.ClientQueueChunks + 2) * ProcessIo.ReadSize + capacity; // queue + pump + pipe buffer
        Assert.InRange(Interlocked.Read(ref written), 1, bound);
        await stalled.DisposeAsync(); // the client leaves: the pump runs free again
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private const int FGetPipeSize = 1032; // F_GETPIPE_SZ: the pipe buffer's capacity in bytes
    private const nuint FionRead = 0x541B; // FIONREAD: bytes waiting in the pipe

    private int Queued()
    {
        int queued = 0;
        Interop.Libc.Ioctl((int)_stdout.SafePipeHandle.DangerousGetHandle(), FionRead, ref queued);
        return queued;
    }

    private static Task<List<OutputChunk>> Collect(ProcessIo io, bool replay) => Task.Run(async () =>
    {
        var chunks = new List<OutputChunk>();
        await foreach (var chunk in io.ReadAsync(replay))
            chunks.Add(chunk);
        return chunks;
    });

    private static string Text(IEnumerable<OutputChunk> chunks, OutputKind kind) =>
        string.Concat(chunks.Where(c => c.Kind == kind).Select(c => Encoding.ASCII.GetString(c.Data.Span)));

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
        _poller.Dispose();
    }
}
