using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Terminals;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>A process the engine started in a sandbox (its init or an exec, in a container or a VM's guest): control, I/O and exit.</summary>
internal sealed class SandboxProcess(string id, IReadOnlyList<string> command, bool tty, IProcessControl handle, ProcessIo io) : IAsyncDisposable
{
    public string Id { get; } = id;
    public IReadOnlyList<string> Command { get; } = command;
    public bool Tty { get; } = tty;
    public IProcessControl Handle { get; } = handle;
    public ProcessIo Io { get; } = io;

    public int? ExitCode => Handle.Exited.IsCompletedSuccessfully ? Handle.Exited.Result : null;
    public bool Running => !Handle.Exited.IsCompleted;

    /// <summary>Completes with the exit code once the process exited and its output was drained.</summary>
    public async Task<int?> WaitAsync(CancellationToken cancellationToken)
    {
        int? code = await Handle.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        // Output written just before exit is still in the pipe/pty: let the pump deliver it first.
        try { await Io.Completion.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false); }
        catch (TimeoutException) { } // a background child still holds the terminal open
        return code;
    }

    public SandboxProcessInfo ToInfo() => new(Id, Command, Tty, Handle.Pid, Running, ExitCode);

    public async ValueTask DisposeAsync()
    {
        await Io.DisposeAsync().ConfigureAwait(false);
        Handle.Dispose();
    }
}
