using System.Diagnostics;
using System.Threading.Channels;
using ContainerLab.Api.Client;

namespace ContainerLab.Bench.TerminalBench;

/// <summary>
/// The floor under every contender: the same keystrokes sent straight to containerlabd's attach WebSocket (unix socket,
/// .NET client), timed from send to the echo's frame received. No browser, no web hop.
/// </summary>
internal static class DaemonEcho
{
    public static async Task<double[]> MeasureAsync(ContainerLabClient daemon, string sandbox, int count, int gapMs)
    {
        await using var attachment = await daemon.AttachAsync(sandbox, "init", replay: false);
        var arrivals = Channel.CreateUnbounded<long>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in attachment.ReadAsync(stop.Token))
                    arrivals.Writer.TryWrite(Stopwatch.GetTimestamp());
            }
            catch (OperationCanceledException) { }
        });
        var samples = new List<double>();
        async Task ClearLineAsync()
        {
            await attachment.SendInputAsync(new byte[] { 0x15 }); // Ctrl-U
            await Task.Delay(150);
            while (arrivals.Reader.TryRead(out _)) { }
        }
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && i % 50 == 0)
                await ClearLineAsync();
            long start = Stopwatch.GetTimestamp();
            await attachment.SendInputAsync(new[] { (byte)('a' + i % 26) });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            long arrived = await arrivals.Reader.ReadAsync(timeout.Token);
            samples.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
            await Task.Delay(gapMs);
        }
        await ClearLineAsync();
        await stop.CancelAsync();
        try { await reader; } catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException) { }
        return [.. samples];
    }
}
