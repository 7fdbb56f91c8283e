using System.Diagnostics;
using System.Globalization;
using System.IO.Pipes;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Processes;
using ContainerLab.Engine.Terminals;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// Starts one process through the OCI runtime (create for init, exec --detach for others) and wires up its
/// I/O: with a terminal, the pty master arrives on a console socket; without, the process inherits the
/// runtime's stdout/stderr pipes, which the engine keeps reading after the runtime exits.
/// </summary>
internal static class ProcessLauncher
{
    public delegate Process StartRuntime(string pidFile, string? consoleSocket);

    private const int MaxAttempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(40);

    /// <param name="runtimeExited">Called with each runtime attempt's time from spawn to exit, failed ones too.</param>
    public static async Task<SandboxProcess> LaunchAsync(string directory, string processId, IReadOnlyList<string> command, bool tty,
        TerminalSize? size, int scrollbackBytes, StartRuntime startRuntime, CancellationToken cancellationToken,
        ReadOnlyMemory<byte> stdin = default, Action<TimeSpan>? runtimeExited = null)
    {
        string pidFile = Path.Combine(directory, $"{processId}.pid");
        using var console = tty ? new ConsoleSocket(Path.Combine(directory, $"{processId}.sock")) : null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var master = console?.ReceiveMasterAsync(abort.Token);
        long spawned = Stopwatch.GetTimestamp();
        var runtime = startRuntime(pidFile, console?.Path);
        bool keepRuntimeStreams = false;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                // Without a terminal the process inherits the runtime's stdin (exec --detach passes its stdio through):
                // it reads what was given, then end-of-file. With a terminal, stdin is the pty and this pipe goes unused.
                FeedStdin(runtime, stdin);
                await runtime.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                runtimeExited?.Invoke(Stopwatch.GetElapsedTime(spawned));
                if (runtime.ExitCode == 0)
                    break;
                // The process was not created, so nothing else holds the pipes: read the runtime's complaint.
                string stderr = await runtime.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                string stdout = await runtime.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                if (attempt >= MaxAttempts || !Runtime.RuntimeErrorClassifier.IsTransient(stderr))
                    throw Runtime.RuntimeErrorClassifier.Classify(
                        new RuntimeCommandException(Path.GetFileName(runtime.StartInfo.FileName), runtime.ExitCode, stderr + stdout));
                runtime.Dispose();
                await Task.Delay(RetryDelay * attempt, cancellationToken).ConfigureAwait(false);
                spawned = Stopwatch.GetTimestamp();
                runtime = startRuntime(pidFile, console?.Path);
            }
            int pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
            var handle = ProcessHandle.Open(pid);
            ProcessIo io;
            if (master is not null)
            {
                var pty = await master.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                if (size is { } s)
                    pty.Resize(s);
                io = ProcessIo.ForTerminal(pty, scrollbackBytes);
            }
            else
            {
                var stdout = (PipeStream)runtime.StandardOutput.BaseStream;
                var stderr = (PipeStream)runtime.StandardError.BaseStream;
                io = ProcessIo.ForPipes(stdout.SafePipeHandle, stderr.SafePipeHandle, scrollbackBytes, [runtime]);
                keepRuntimeStreams = true;
            }
            return new SandboxProcess(processId, command, tty, handle, io);
        }
        finally
        {
            abort.Cancel();
            // Cancelled (create timed out, client gone) while the runtime still runs: it must not outlive us.
            if (!runtime.HasExited)
                runtime.Kill(entireProcessTree: true);
            if (!keepRuntimeStreams)
                runtime.Dispose();
            File.Delete(pidFile);
        }
    }

    /// <summary>
    /// Writes <paramref name="stdin"/> into the runtime's stdin pipe and closes it, without waiting: a pipe holds 64 KiB,
    /// so a longer input is written while the process reads it. A process that exits (or a runtime that fails) before
    /// reading it all closes the pipe's read end; the write then fails with EPIPE, which is the end of it.
    /// </summary>
    private static void FeedStdin(Process runtime, ReadOnlyMemory<byte> stdin)
    {
        if (stdin.IsEmpty)
        {
            runtime.StandardInput.Close();
            return;
        }
        var pipe = runtime.StandardInput.BaseStream;
        _ = Task.Run(async () =>
        {
            try
            {
                await pipe.WriteAsync(stdin).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { } // the reader is gone
            finally
            {
                try { runtime.StandardInput.Close(); }
                catch (Exception e) when (e is IOException or ObjectDisposedException) { } // closed already
            }
        });
    }
}
