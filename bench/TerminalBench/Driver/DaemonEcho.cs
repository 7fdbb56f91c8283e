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
        return await MeasureAsync(attachment, count, gapMs);
    }

    /// <summary>
    /// The bare relay without a browser: a .NET ClientWebSocket over TCP loopback to its /ws, speaking its protocol
    /// (binary keystrokes out, binary output in). Separates the relay server's hop from chromium's network stack.
    /// </summary>
    public static async Task<double[]> MeasureBareRelayAsync(Uri bare, string sandbox, int count, int gapMs)
    {
        var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{bare.Authority}/ws?sandbox={Uri.EscapeDataString(sandbox)}"), CancellationToken.None);
        await using var attachment = new ProcessAttachment(socket);
        // The relay sends output without the daemon's stream byte: read raw frames, not AttachFrames.
        return await MeasureAsync(attachment, count, gapMs, raw: socket);
    }

    private static async Task<double[]> MeasureAsync(ProcessAttachment attachment, int count, int gapMs,
        System.Net.WebSockets.ClientWebSocket? raw = null)
    {
        var arrivals = Channel.CreateUnbounded<long>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            try
            {
                if (raw is null)
                {
                    await foreach (var _ in attachment.ReadAsync(stop.Token))
                        arrivals.Writer.TryWrite(Stopwatch.GetTimestamp());
                }
                else
                {
                    var buffer = new byte[64 * 1024];
                    while (true)
                    {
                        var result = await raw.ReceiveAsync(buffer, stop.Token);
                        if (result.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
                            break;
                        arrivals.Writer.TryWrite(Stopwatch.GetTimestamp());
                    }
                }
            }
            catch (OperationCanceledException) { }
        });
        // The relay replays the recent screen on connect: let it arrive, then forget it.
        await Task.Delay(500);
        while (arrivals.Reader.TryRead(out _)) { }
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
        await Task.Delay(300); // the relay's 100 ms ack timer does not apply: this client never acks, and echoes are tiny
        await stop.CancelAsync();
        try { await reader; } catch (Exception e) when (e is OperationCanceledException or System.Net.WebSockets.WebSocketException) { }
        return [.. samples];
    }
}
