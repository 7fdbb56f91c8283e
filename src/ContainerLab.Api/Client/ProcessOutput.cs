using System.Text;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Api.Client;

/// <summary>
/// What a process printed (each stream bounded) and how it ended; <see cref="ExitCode"/> null = killed by a signal;
/// <see cref="TimedOut"/>: it was killed because it ran past the caller's time.
/// </summary>
public sealed record ProcessOutput(int? ExitCode, string Stdout, string Stderr, bool Truncated, bool TimedOut = false);

/// <summary>Running a process in a sandbox to its end and collecting its output, over exec + attach.</summary>
public static class ProcessOutputExtensions
{
    public const int DefaultMaxBytes = 256 * 1024;

    /// <summary>
    /// Starts <paramref name="request"/> in the sandbox, attaches (with replay, so nothing printed before the attach is
    /// lost) and reads until its exit; output past <paramref name="maxBytes"/> per stream is dropped and said so.
    /// Past <paramref name="timeout"/> the daemon SIGKILLs the process and what it printed
    /// until then comes back with <see cref="ProcessOutput.TimedOut"/>. Nothing is left running inside a helper of
    /// ours (unlike wrapping in the image's `timeout`, whose busybox watcher is orphaned to the sandbox's init).
    /// </summary>
    public static async Task<ProcessOutput> ExecToEndAsync(this ContainerLabClient client, string sandbox, ExecRequest request,
        TimeSpan timeout, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        var process = await client.ExecAsync(sandbox, request, cancellationToken).ConfigureAwait(false);
        await using var attachment = await client.AttachAsync(sandbox, process.Id, replay: true, ct: cancellationToken).ConfigureAwait(false);
        var collecting = attachment.CollectAsync(maxBytes, cancellationToken);
        if (await Task.WhenAny(collecting, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false) == collecting)
            return await collecting.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await client.SignalAsync(sandbox, process.Id, "KILL", cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerLabApiException e) when (e.Status == 404) { } // it ended meanwhile
        return await collecting.ConfigureAwait(false) with { TimedOut = true };
    }

    /// <summary>Reads an attachment to the process's exit.</summary>
    public static async Task<ProcessOutput> CollectAsync(this ProcessAttachment attachment, int maxBytes = DefaultMaxBytes,
        CancellationToken cancellationToken = default)
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        bool truncated = false;
        await foreach (var frame in attachment.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (frame.IsExit)
                return new ProcessOutput(frame.ExitCode, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()), truncated);
            var target = frame.Stream == AttachProtocol.Stderr ? stderr : stdout;
            int room = (int)Math.Max(0, maxBytes - target.Length);
            truncated |= frame.Data.Length > room;
            target.Write(frame.Data.Span[..Math.Min(room, frame.Data.Length)]);
        }
        throw new ContainerLabApiException(0, "attach ended", "the attach stream ended without the process's exit");
    }
}
