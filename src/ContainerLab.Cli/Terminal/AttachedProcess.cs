using System.Runtime.InteropServices;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Cli.Terminal;

/// <summary>
/// The calling terminal connected to a sandbox process: its output to our stdout/stderr, our stdin to it
/// (when interactive), the window size following SIGWINCH. Shared by `run` and `exec`.
/// </summary>
internal static class AttachedProcess
{
    /// <summary>Exit code clabctl returns when the process's own code is unknown (like docker's 125 for daemon errors).</summary>
    public const int UnknownExit = 125;

    public static async Task<int> StreamAsync(ContainerLabClient client, string sandbox, string process, ProcessAttachment attachment,
        bool tty, bool interactive, Func<Task>? afterAttach, CancellationToken cancellationToken)
    {
        using var raw = tty && interactive && RawTerminal.IsTerminal ? RawTerminal.Enter() : null;
        using var resize = tty ? PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
        {
            context.Cancel = true;
            _ = client.ResizeAsync(sandbox, process, RawTerminal.Size(), CancellationToken.None);
        }) : null;
        if (afterAttach is not null)
            await afterAttach();
        using var stdout = Console.OpenStandardOutput();
        using var stderr = Console.OpenStandardError();
        using var stopInput = new CancellationTokenSource();
        if (interactive && tty)
            _ = Task.Run(() => PumpInputAsync(attachment, stopInput.Token), CancellationToken.None);
        try
        {
            await foreach (var frame in attachment.ReadAsync(cancellationToken))
            {
                if (frame.IsExit)
                    return frame.ExitCode ?? UnknownExit;
                var target = frame.Stream == AttachProtocol.Stderr ? stderr : stdout;
                await target.WriteAsync(frame.Data, cancellationToken);
                await target.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            await stopInput.CancelAsync();
        }
        Console.Error.WriteLine("clabctl: the connection to the daemon closed before the process ended");
        return UnknownExit;
    }

    private static async Task PumpInputAsync(ProcessAttachment attachment, CancellationToken cancellationToken)
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int read = await stdin.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                    return;
                await attachment.SendInputAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
        }
    }
}
