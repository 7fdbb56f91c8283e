namespace ContainerLab.Web.Terminals;

/// <summary>
/// The bounds on terminal output, pty to browser. One window, end to end: the relay attaches with
/// window=<see cref="WindowBytes"/>, so containerlabd sends at most that much output the browser has not acknowledged;
/// the browser acknowledges bytes once xterm.js has parsed them (every <see cref="AckEveryBytes"/> or 100 ms) or
/// dropped them. Behind the window the daemon's bounded queue per client (16 chunks of 16 KiB), then the kernel's pty
/// buffer, stop the writer in the sandbox. Nothing between daemon and browser is paced by a socket's buffer, so when
/// the pty flushes on a ^C the daemon's flush frame reaches the browser at once and it drops what it holds unparsed:
/// only what xterm.js already holds (at most 128 KiB, TerminalView.razor.js) is drawn before the prompt (it was every
/// byte in flight, about 1 MiB, and over a second on a busy machine). So the window can be large: output runs at
/// window / round trip (daemon, relay, hub, browser, parse, acknowledgement, back), and on a busy 2-core server 256 KiB
/// cost a quarter of the throughput in bench/terminal; with 1 MiB the hub was within the noise of the old code
/// (docs/PERFORMANCE.md, "The attach window and Ctrl-C").
/// </summary>
public static class FlowControl
{
    public const long WindowBytes = 1024 * 1024;
    public const int AckEveryBytes = 32 * 1024;
    /// <summary>Output already waiting is sent as one message, up to this size (no waiting to coalesce: echo stays immediate).</summary>
    public const int MaxMessageBytes = 64 * 1024;
    /// <summary>SignalR's largest accepted client message (input, resize, ack).</summary>
    public const long MaxClientMessageBytes = 64 * 1024;
}
