using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Vms;

/// <summary>
/// The host's end of a VM node's agent channel. The daemon listens on a unix socket in a directory of its own,
/// bind-mounted read-only into the QEMU sandbox; QEMU connects to it and carries it to the guest as the
/// virtio-serial port "clab.agent", where clab-agent answers. The daemon listens and QEMU connects, not the other
/// way: the daemon never follows a path the sandbox could have replaced (a symlink to a host socket).
/// </summary>
public sealed class GuestAgent : IAsyncDisposable
{
    public const string SocketName = "agent.sock";

    /// <summary>Where the directory appears in the QEMU sandbox.</summary>
    public const string DirectoryInside = "/run/clab-agent";

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<uint, GuestProcess> _processes = new();
    private readonly ConcurrentDictionary<uint, TaskCompletionSource<int>> _starting = new();
    private TaskCompletionSource<string> _hello = NewHello();
    private Socket? _connection;
    private int _nextId;

    private GuestAgent(Socket listener)
    {
        _listener = listener;
        _ = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Listens in <paramref name="directory"/> (made here, the host's root's) on a socket only <paramref name="uid"/> (QEMU's) may connect to.</summary>
    public static GuestAgent Listen(string directory, uint uid)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, SocketName);
        File.Delete(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            // connect(2) needs write permission on the socket: give it to QEMU's uid alone.
            Interop.Check(() => Interop.Libc.Chown(path, uid, uid), "chown", path);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(1);
            return new GuestAgent(listener);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Completes with the guest's kernel release once its agent said hello.</summary>
    public Task<string> Ready => Volatile.Read(ref _hello).Task;

    /// <summary>
    /// Starts <paramref name="command"/> in the guest; returns once the guest's kernel gave it a pid. A command the guest
    /// cannot start (not found, a working directory that is not there) is the caller's 400, in the guest's words.
    /// </summary>
    public async Task<GuestProcess> StartAsync(IReadOnlyList<string> command, string workingDirectory, IEnumerable<string> environment,
        ReadOnlyMemory<byte> stdin, CancellationToken cancellationToken, bool keepOutput = true)
    {
        uint id = (uint)Interlocked.Increment(ref _nextId);
        var frame = AgentFrame.ForExec(id, workingDirectory, command, environment);
        var process = new GuestProcess(this, id, keepOutput);
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _starting[id] = started;
        _processes[id] = process;
        try
        {
            await SendAsync(frame, cancellationToken).ConfigureAwait(false);
            for (int offset = 0; offset < stdin.Length; offset += AgentFrame.MaxPayload)
                await SendAsync(new AgentFrame(AgentFrame.Stdin, id, stdin[offset..Math.Min(stdin.Length, offset + AgentFrame.MaxPayload)]), cancellationToken).ConfigureAwait(false);
            await SendAsync(new AgentFrame(AgentFrame.Stdin, id, ReadOnlyMemory<byte>.Empty), cancellationToken).ConfigureAwait(false);
            process.Pid = await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return process;
        }
        catch
        {
            _processes.TryRemove(id, out _);
            process.Dispose();
            throw;
        }
        finally
        {
            _starting.TryRemove(id, out _);
        }
    }

    /// <summary>The daemon's own command in the guest (its network, its /etc/hosts): its exit code; its output is dropped.</summary>
    public async Task<int?> RunAsync(IReadOnlyList<string> command, ReadOnlyMemory<byte> stdin, CancellationToken cancellationToken)
    {
        using var process = await StartAsync(command, "/", ["PATH=/sbin:/usr/sbin:/bin:/usr/bin"], stdin, cancellationToken, keepOutput: false).ConfigureAwait(false);
        return await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal void Signal(GuestProcess process, int signal)
    {
        if (process.Exited.IsCompleted)
            return;
        _ = SendAsync(new AgentFrame(AgentFrame.Signal, process.AgentId, new[] { (byte)signal }), CancellationToken.None)
            .ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted); // the guest is gone: nothing to signal
    }

    private async Task SendAsync(AgentFrame frame, CancellationToken cancellationToken)
    {
        byte[] bytes = frame.Encode();
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _connection ?? throw new ConflictException("the VM's agent is not connected (the guest is still booting, or its QEMU ended)");
            await connection.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new ConflictException($"the VM's agent channel failed: {e.Message}");
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            Volatile.Write(ref _connection, connection);
            try { await ReadLoopAsync(connection).ConfigureAwait(false); }
            catch (Exception e) when (e is AgentProtocolException or SocketException or OperationCanceledException or ObjectDisposedException) { }
            finally
            {
                Volatile.Write(ref _connection, null);
                connection.Dispose();
                EndAll();
                // QEMU connects again (reconnect=1) and the guest's init starts the agent again: until it says hello,
                // an exec waits for it instead of finding no channel.
                if (Ready.IsCompleted)
                    Volatile.Write(ref _hello, NewHello());
            }
        }
    }

    private async Task ReadLoopAsync(Socket connection)
    {
        var header = new byte[AgentFrame.HeaderBytes];
        var payload = new byte[AgentFrame.MaxPayload];
        while (true)
        {
            if (!await ReadExactlyAsync(connection, header).ConfigureAwait(false))
                return;
            var (type, id, length) = AgentFrame.ReadHeader(header);
            var data = payload.AsMemory(0, length);
            if (!await ReadExactlyAsync(connection, data).ConfigureAwait(false))
                return;
            switch (type)
            {
                case AgentFrame.Hello:
                    // A second hello on one connection: the agent started again, and the processes of the one before are lost.
                    if (Ready.IsCompleted)
                    {
                        EndAll();
                        Volatile.Write(ref _hello, NewHello());
                    }
                    Volatile.Read(ref _hello).TrySetResult(Encoding.UTF8.GetString(data.Span));
                    break;
                case AgentFrame.Started when length == 4 && _starting.TryGetValue(id, out var started):
                    started.TrySetResult((int)BinaryPrimitives.ReadUInt32LittleEndian(data.Span));
                    break;
                case AgentFrame.Failed when _starting.TryGetValue(id, out var failed):
                    _processes.TryRemove(id, out _);
                    failed.TrySetException(new InvalidRequestException($"the command could not start in the VM's guest: {Encoding.UTF8.GetString(data.Span)}"));
                    break;
                case AgentFrame.Stdout or AgentFrame.Stderr when _processes.TryGetValue(id, out var process):
                    await process.WriteAsync(type == AgentFrame.Stderr, data).ConfigureAwait(false);
                    break;
                case AgentFrame.Exit when length == 4 && _processes.TryRemove(id, out var ended):
                    ended.End((int)BinaryPrimitives.ReadUInt32LittleEndian(data.Span));
                    break;
            }
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket connection, Memory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int read = await connection.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
                return false;
            buffer = buffer[read..];
        }
        return true;
    }

    /// <summary>The guest or its QEMU is gone: every process ends with an unknown status, every start fails.</summary>
    private void EndAll()
    {
        foreach (var id in _processes.Keys)
            if (_processes.TryRemove(id, out var process))
                process.End(null);
        foreach (var start in _starting.Values)
            start.TrySetException(new ConflictException("the VM's agent went away before the command started"));
    }

    private static TaskCompletionSource<string> NewHello() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        _connection?.Dispose();
        EndAll();
        _hello.TrySetCanceled();
    }
}
