namespace ContainerLab.Api.Contracts;

/// <summary>
/// GET /v1/sandboxes/{id}/processes/{process}/attach?replay=true upgrades to a WebSocket.
/// Server to client: binary frames whose first byte is the stream (0 terminal, 1 stdout, 2 stderr) followed by
/// the bytes; when the process has ended and its output is drained, one text frame
/// {"type":"exit","exitCode":N} and a normal close. Client to server: binary frames are input to the terminal.
/// Resizing is a separate call: POST .../resize.
/// </summary>
public static class AttachProtocol
{
    public const byte Terminal = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
}

/// <summary>The text frame that ends an attach stream.</summary>
public sealed record AttachExitMessage(string Type, int? ExitCode);
