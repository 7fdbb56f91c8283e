namespace ContainerLab.Api.Contracts;

/// <summary>
/// GET /v1/sandboxes/{id}/processes/{process}/attach?replay=true&amp;window=N upgrades to a WebSocket.
/// Server to client: binary frames whose first byte is the stream (0 terminal, 1 stdout, 2 stderr) followed by
/// the bytes; <see cref="Flush"/> (no bytes) when the terminal's line discipline discarded its pending output (a ^C),
/// and output queued for this client with it; when the process has ended and its output is drained, one text frame
/// {"type":"exit","exitCode":N} and a normal close. Client to server: binary frames are input to the terminal;
/// with a window, text frames {"type":"ack","bytes":N} say N more bytes were shown or dropped.
/// With window=N the daemon keeps at most N output bytes unacknowledged; without one, TCP's back-pressure only.
/// Resizing is a separate call: POST .../resize.
/// </summary>
public static class AttachProtocol
{
    public const byte Terminal = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Flush = 3;

    /// <summary>The bounds of window=N, in bytes: one read of the pty fits in the smallest.</summary>
    public const long MinWindowBytes = 16 * 1024;
    public const long MaxWindowBytes = 64L * 1024 * 1024;
}

/// <summary>The text frame that ends an attach stream.</summary>
public sealed record AttachExitMessage(string Type, int? ExitCode);

/// <summary>The client's text frame with a window: <see cref="Bytes"/> more output bytes shown or dropped.</summary>
public sealed record AttachAckMessage(string Type, long Bytes);
