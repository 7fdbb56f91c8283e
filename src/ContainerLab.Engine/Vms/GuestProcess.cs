using System.IO.Pipes;
using Microsoft.Win32.SafeHandles;
using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Terminals;

namespace ContainerLab.Engine.Vms;

/// <summary>
/// A process in a VM's guest, started by its agent. Its output arrives in frames and is written into two host pipes,
/// whose read ends are an ordinary <see cref="ProcessIo"/>: attach, scrollback and back-pressure are a container
/// process's. The write ends close when the guest reports the exit, which ends the output.
/// </summary>
public sealed class GuestProcess : IProcessControl
{
    private readonly GuestAgent _agent;
    private readonly AnonymousPipeServerStream _stdout = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _stderr = new(PipeDirection.Out);
    private readonly TaskCompletionSource<int?> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _keepOutput;
    // The read ends, held from the start: a server stream closes a client handle nobody has asked for when it is
    // disposed, and a quick command's exit (End) can come before its starter takes them: the output would be gone and
    // the handles closed under it (EBADF, seen in CI).
    private SafePipeHandle? _stdoutRead;
    private SafePipeHandle? _stderrRead;

    /// <param name="keepOutput">False for the daemon's own commands in the guest (its network): nobody reads them.</param>
    internal GuestProcess(GuestAgent agent, uint id, bool keepOutput = true)
    {
        _agent = agent;
        AgentId = id;
        _keepOutput = keepOutput;
        _stdoutRead = _stdout.ClientSafePipeHandle;
        _stderrRead = _stderr.ClientSafePipeHandle;
    }

    internal uint AgentId { get; }

    /// <summary>The guest kernel's pid, once the agent reported the start.</summary>
    public int Pid { get; internal set; }

    public Task<int?> Exited => _exit.Task;

    /// <summary>The read ends, for <see cref="ProcessIo.ForPipes"/>, which owns them from then on (once: later calls throw).</summary>
    internal (SafePipeHandle Stdout, SafePipeHandle Stderr) TakeReadEnds()
    {
        var stdout = Interlocked.Exchange(ref _stdoutRead, null);
        var stderr = Interlocked.Exchange(ref _stderrRead, null);
        return (stdout ?? throw new InvalidOperationException("the read ends were taken"), stderr!);
    }

    public void Signal(int signal) => _agent.Signal(this, signal);

    /// <summary>Output as it arrives, in order; waits while the reader is behind (the pipe is full).</summary>
    internal async Task WriteAsync(bool stderr, ReadOnlyMemory<byte> data)
    {
        if (_exit.Task.IsCompleted || !_keepOutput)
            return;
        try { await (stderr ? _stderr : _stdout).WriteAsync(data).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { } // nobody reads any more
    }

    /// <summary>The guest reported the exit (<paramref name="code"/>), or the channel ended (null): the output ends too.</summary>
    internal void End(int? code)
    {
        _stdout.Dispose();
        _stderr.Dispose();
        _exit.TrySetResult(code);
    }

    /// <summary>Ends it, and closes the read ends unless a <see cref="ProcessIo"/> took them.</summary>
    public void Dispose()
    {
        End(null);
        Interlocked.Exchange(ref _stdoutRead, null)?.Dispose();
        Interlocked.Exchange(ref _stderrRead, null)?.Dispose();
    }
}
