using System.Diagnostics;
using System.Security.Cryptography;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Images;

namespace ContainerLab.Daemon.Hosting;

/// <summary>
/// Before containerlabd's socket appears, one throwaway sandbox goes through the daemon's own API the way a student's
/// first node does: created (busybox sh on a pty, the default profile and limits, a session network of its own),
/// attached until the shell's first output, resized, its limits set again as they are (a student's first slider move: the
/// runtime's `update` and the read-back of the cgroup files, whose first run otherwise shows as 1.2 ms of "kernel" time
/// in its Server-Timing instead of 0.1 ms), removed. The first of each in a process otherwise pays for what is
/// done once: the JIT of the HTTP, JSON and engine paths (TieredCompilation is off, so every method is fully optimized at
/// its first call: the config.json step alone took 245 ms and the first HTTP create 0.9 s in all), the runtime binary,
/// the image's layer and the disk template read into the page cache, the cgroup parent made on every hierarchy, the first
/// bridge and veth (bench/start, docs/PERFORMANCE.md).
/// </summary>
internal static class StartPathWarmUp
{
    /// <summary>Runs the warm-up against the socket Kestrel listens on; returns how long it took and the error, if any.</summary>
    public static async Task<(TimeSpan Elapsed, string? Error)> RunAsync(string socketPath, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var client = new ContainerLabClient(socketPath);
        string? sandbox = null, error = null;
        try
        {
            await client.GetInfoAsync(cancellationToken);
            var created = await client.CreateSandboxAsync(new CreateSandboxRequest
            {
                Image = BuiltinImages.BusyboxReference,
                Command = ["/bin/sh"],
                Tty = true,
                Name = "warm-up",
                Network = "session",
                Session = "warm-up-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
                WorkingDirectory = "/root",
                TerminalSize = new TerminalSizeDto(80, 24),
            }, start: true, cancellationToken);
            sandbox = created.Id;
            await using (var attachment = await client.AttachAsync(sandbox, "init", replay: true, ct: cancellationToken))
            {
                using var firstOutput = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                firstOutput.CancelAfter(TimeSpan.FromSeconds(10));
                await foreach (var frame in attachment.ReadAsync(firstOutput.Token))
                    if (frame.Data.Length > 0 || frame.IsExit)
                        break;
            }
            await client.ResizeAsync(sandbox, "init", new TerminalSizeDto(100, 30), cancellationToken);
            await client.UpdateLimitsAsync(sandbox, new UpdateLimitsRequest
            {
                MemoryBytes = created.Limits.MemoryBytes, Pids = created.Limits.Pids, Cpus = created.Limits.Cpus,
            }, cancellationToken);
        }
        catch (Exception e) when (IsClientError(e))
        {
            error = e.Message;
        }
        if (sandbox is not null)
        {
            try
            {
                await client.RemoveSandboxAsync(sandbox, force: true, CancellationToken.None);
            }
            catch (Exception e) when (IsClientError(e))
            {
                error ??= $"removing the warm-up sandbox {sandbox}: {e.Message}";
            }
        }
        return (clock.Elapsed, error);
    }

    private static bool IsClientError(Exception e) => e is ContainerLabApiException or HttpRequestException or IOException
        or System.Net.WebSockets.WebSocketException or OperationCanceledException;
}
