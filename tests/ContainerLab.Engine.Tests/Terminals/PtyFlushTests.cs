using System.Text;
using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Terminals;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Tests.Terminals;

/// <summary>
/// A real pty (no root needed): a ^C written to the master makes the slave's line discipline (ISIG, no NOFLSH)
/// discard its pending output, and ProcessIo drops the output it had queued for a client that did not read, then
/// marks the flush before what came after. In raw mode (no ISIG) a ^C is a byte like any other and nothing is dropped.
/// </summary>
public sealed class PtyFlushTests : IDisposable
{
    private readonly FdPoller _poller = new();

    [Fact]
    public async Task A_ctrl_c_drops_the_output_queued_before_it_and_marks_the_flush_before_the_output_after()
    {
        var (master, slave) = OpenPty();
        await using var io = ProcessIo.ForTerminal(new PtyMaster(master), 1 << 20, _poller);
        using var slaveStream = new FileStream(slave, FileAccess.ReadWrite, 0);
        await using var client = io.ReadAsync(replay: false).GetAsyncEnumerator();
        using var stop = new CancellationTokenSource();
        var flood = await FloodAsync(client, slaveStream, stop.Token);

        var flushed = new TaskCompletionSource();
        io.Flushed += () => flushed.TrySetResult();
        // The writer ends at its next line. Left running it would fill the pty again, and "after" below could not be
        // written. (Its blocked write resumes once the master is read again: the kernel's flush frees the buffer but
        // does not wake the writer.)
        stop.Cancel();
        await io.WriteAsync(new byte[] { 3 }); // ^C on the master: the slave's VINTR
        await flushed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await client.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        // What the client's queue held is gone: the first thing it reads after the ^C is the flush.
        Assert.Equal(OutputKind.Flush, client.Current.Kind);
        var after = Task.Run(async () =>
        {
            await flood; // ends as the client reads on
            slaveStream.Write("after\n"u8);
        });
        string text = await ReadUntilAsync(client, "after");
        await after.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("^C", text); // the line discipline's echo comes after its flush
    }

    [Fact]
    public async Task In_raw_mode_a_ctrl_c_is_input_and_every_byte_of_output_still_arrives()
    {
        var (master, slave) = OpenPty();
        var termios = default(Interop.Libc.Termios);
        Interop.Check(() => Interop.Libc.Ioctl((int)slave.DangerousGetHandle(), Interop.Libc.TCGETS, ref termios), "ioctl(TCGETS)");
        termios.LocalFlags &= ~(Interop.Libc.ISIG | 0x2u /* ICANON */ | 0x8u /* ECHO */); // what vi asks for
        Interop.Check(() => Interop.Libc.Ioctl((int)slave.DangerousGetHandle(), Interop.Libc.TCSETS, ref termios), "ioctl(TCSETS)");
        await using var io = ProcessIo.ForTerminal(new PtyMaster(master), 1 << 20, _poller);
        using var slaveStream = new FileStream(slave, FileAccess.ReadWrite, 0);
        // With replay: an async iterator registers its client at the first MoveNextAsync, and "first" may be read from
        // the pty before that; the replay holds it either way.
        await using var client = io.ReadAsync(replay: true).GetAsyncEnumerator();
        bool flushed = false;
        io.Flushed += () => flushed = true;

        slaveStream.Write("first\n"u8);
        await ReadUntilAsync(client, "first");
        await io.WriteAsync(new byte[] { 3 });
        byte[] input = new byte[1];
        Assert.Equal(1, await slaveStream.ReadAsync(input).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, input[0]); // the program got the byte, no signal
        slaveStream.Write("second\n"u8);
        await ReadUntilAsync(client, "second");
        Assert.False(flushed);
    }

    /// <summary>
    /// Starts writing up to 4 MiB to the slave and returns once 32 KiB are written: queued for the client (which reads
    /// only its first chunk) or in the pty. The writer blocks when both are full; it ends at the first line after
    /// <paramref name="stop"/>.
    /// </summary>
    private static async Task<Task> FloodAsync(IAsyncEnumerator<OutputChunk> client, FileStream slave, CancellationToken stop)
    {
        var first = client.MoveNextAsync();
        byte[] line = Encoding.ASCII.GetBytes(new string('y', 1023) + "\n");
        long written = 0;
        var flood = Task.Run(() =>
        {
            for (int i = 0; i < 4096 && !stop.IsCancellationRequested; i++)
            {
                slave.Write(line);
                Interlocked.Add(ref written, line.Length);
            }
        });
        Assert.True(await first.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // Not more: what the pty and the client's queue hold before the writer blocks depends on how the pump's reads
        // happen to cut the flood (16 chunks of whatever one read got); 62 KiB was all there was room for in one CI run.
        while (Interlocked.Read(ref written) < 32 * 1024 && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10); // polls a condition
        Assert.True(Interlocked.Read(ref written) >= 32 * 1024, $"only {written} bytes written in 10 s");
        return flood;
    }

    private static async Task<string> ReadUntilAsync(IAsyncEnumerator<OutputChunk> client, string expected)
    {
        var text = new StringBuilder();
        while (!text.ToString().Contains(expected))
        {
            Assert.True(await client.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.NotEqual(OutputKind.Flush, client.Current.Kind);
            text.Append(Encoding.ASCII.GetString(client.Current.Data.Span));
        }
        return text.ToString();
    }

    private static (SafeFileHandle Master, SafeFileHandle Slave) OpenPty()
    {
        var master = File.OpenHandle("/dev/ptmx", FileMode.Open, FileAccess.ReadWrite);
        int unlock = 0;
        Interop.Check(() => Interop.Libc.Ioctl((int)master.DangerousGetHandle(), TIOCSPTLCK, ref unlock), "ioctl(TIOCSPTLCK)");
        int number = 0;
        Interop.Check(() => Interop.Libc.Ioctl((int)master.DangerousGetHandle(), TIOCGPTN, ref number), "ioctl(TIOCGPTN)");
        var slave = File.OpenHandle($"/dev/pts/{number}", FileMode.Open, FileAccess.ReadWrite);
        return (master, slave);
    }

    private const nuint TIOCSPTLCK = 0x40045431;
    private const nuint TIOCGPTN = 0x80045430;

    public void Dispose() => _poller.Dispose();
}
