namespace ContainerLab.Web.Terminals;

/// <summary>
/// The bounds on every hop of terminal output, browser to pty:
/// browser: acknowledges bytes after xterm.js has parsed them (every <see cref="AckEveryBytes"/> or 100 ms);
/// web: stops reading the daemon's stream while more than <see cref="HighWatermarkBytes"/> are unacknowledged,
/// resumes below <see cref="LowWatermarkBytes"/>; between daemon and hub at most <see cref="RelayQueueFrames"/> frames;
/// daemon: a bounded queue per client (64 chunks of 16 KiB), then it stops reading the pty and the writer blocks.
/// </summary>
public static class FlowControl
{
    public const long HighWatermarkBytes = 2 * 1024 * 1024;
    public const long LowWatermarkBytes = 512 * 1024;
    public const int AckEveryBytes = 32 * 1024;
    /// <summary>Output already waiting is sent as one message, up to this size (no waiting to coalesce: echo stays immediate).</summary>
    public const int MaxMessageBytes = 64 * 1024;
    public const int RelayQueueFrames = 16;
    /// <summary>SignalR's largest accepted client message (input, resize, ack).</summary>
    public const long MaxClientMessageBytes = 64 * 1024;
}
