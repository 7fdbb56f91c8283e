using System.Net.WebSockets;
using System.Text;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>
/// attach?window=N: the daemon sends at most N bytes ahead of the client's acknowledgements, and a ^C's flush reaches
/// the client at once, ahead of the output it drops; a bad window or acknowledgement is refused in words.
/// </summary>
public sealed class AttachWindowTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const long Window = AttachProtocol.MinWindowBytes;

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task A_flood_stops_at_the_window_and_a_ctrl_c_flushes_at_once_without_any_acknowledgement()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["/bin/sh"], Tty = true });
        try
        {
            await using var terminal = await client.AttachAsync(sandbox.Id, "init", replay: false, windowBytes: Window);
            var frames = new Frames(terminal.ReadAsync().GetAsyncEnumerator());
            await terminal.SendInputAsync("yes\n"u8.ToArray());
            long received = 0;
            while (received < Window)
                received += (await frames.NextAsync(TimeSpan.FromSeconds(15))).Data.Length;
            // Nothing acknowledged: past the window the daemon sends at most the chunk it had in hand (what comes in 1 s).
            while (await frames.NextOrNoneAsync(TimeSpan.FromSeconds(1)) is { } more)
                received += more.Data.Length;
            Assert.InRange(received, Window, Window + 16 * 1024);

            await terminal.SendInputAsync(new byte[] { 3 });
            Assert.True((await frames.NextAsync(TimeSpan.FromSeconds(15))).IsFlush); // ahead of what it had queued
            await terminal.AcknowledgeAsync(received); // shown (here: counted); the window opens for what follows
            var after = new StringBuilder();
            while (!after.ToString().Contains("^C\r\n/ # ", StringComparison.Ordinal)) // busybox sh's prompt
            {
                var frame = await frames.NextOrNoneAsync(TimeSpan.FromSeconds(15))
                    ?? throw new Xunit.Sdk.XunitException($"no prompt within 15 s after the flush; after it came: {after}");
                after.Append(Encoding.UTF8.GetString(frame.Data.Span));
                await terminal.AcknowledgeAsync(frame.Data.Length);
            }
            // After the flush: the line discipline's ^C echo and the prompt, and at most a read of the flood that was
            // under way when the ^C went in, not the daemon's queue of 16 chunks.
            Assert.Contains("^C", after.ToString());
            Assert.True(after.Length < 16 * 1024, $"{after.Length} bytes after the flush");
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task A_window_out_of_range_is_refused_in_kib_before_the_upgrade()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["/bin/sh"], Tty = true });
        try
        {
            var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.AttachAsync(sandbox.Id, "init", windowBytes: 100));
            Assert.Equal(400, refused.Status);
            Assert.Contains("16 KiB", refused.Detail);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task A_text_frame_that_is_not_an_acknowledgement_closes_the_stream_saying_what_was_expected()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["/bin/sh"], Tty = true });
        try
        {
            using var socket = new ClientWebSocket();
            using var invoker = new HttpMessageInvoker(UnixSocketHandler.Create(fixture.Daemon.SocketPath));
            await socket.ConnectAsync(new Uri($"ws://containerlabd/v1/sandboxes/{sandbox.Id}/processes/init/attach?replay=false&window={Window}"), invoker, default);
            await socket.SendAsync("{\"type\":\"ack\",\"bytes\":-5}"u8.ToArray(), WebSocketMessageType.Text, true, default);
            var buffer = new byte[64 * 1024];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            WebSocketReceiveResult result;
            do result = await socket.ReceiveAsync(buffer, timeout.Token);
            while (result.MessageType != WebSocketMessageType.Close);
            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.CloseStatus);
            Assert.Contains("\"ack\"", socket.CloseStatusDescription);
            // The shell is untouched: a new attach still reaches it.
            await using var again = await client.AttachAsync(sandbox.Id, "init", replay: false);
            await again.SendInputAsync("echo fine-$((1+1))\n"u8.ToArray());
            await TerminalOutput.ReadUntilAsync(again, "fine-2", TimeSpan.FromSeconds(15));
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    /// <summary>An attach stream read with timeouts: a read that timed out stays pending for the next call.</summary>
    private sealed class Frames(IAsyncEnumerator<AttachFrame> frames)
    {
        private Task<bool>? _pending;

        public async Task<AttachFrame> NextAsync(TimeSpan timeout) =>
            await NextOrNoneAsync(timeout) ?? throw new Xunit.Sdk.XunitException($"no output within {timeout.TotalSeconds:0} s");

        public async Task<AttachFrame?> NextOrNoneAsync(TimeSpan timeout)
        {
            _pending ??= frames.MoveNextAsync().AsTask();
            if (await Task.WhenAny(_pending, Task.Delay(timeout)) != _pending)
                return null;
            Assert.True(await _pending, "the attach stream ended");
            _pending = null;
            Assert.False(frames.Current.IsExit, "the process exited");
            return frames.Current;
        }
    }
}
