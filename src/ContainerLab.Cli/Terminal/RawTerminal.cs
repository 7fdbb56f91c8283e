using ContainerLab.Api.Contracts;

namespace ContainerLab.Cli.Terminal;

/// <summary>
/// Puts the calling terminal in raw mode for `-it` (every keystroke, Ctrl-C included, goes to the sandbox,
/// which has its own line discipline) and restores it on dispose, like `docker run -it`.
/// </summary>
internal sealed class RawTerminal : IDisposable
{
    private const int StdIn = 0, StdOut = 1;
    private readonly Interop.Libc.Termios _saved;
    private bool _restored;

    private RawTerminal(Interop.Libc.Termios saved) => _saved = saved;

    public static bool IsTerminal => Interop.Libc.IsATty(StdIn) == 1 && Interop.Libc.IsATty(StdOut) == 1;

    public static RawTerminal Enter()
    {
        if (Interop.Libc.TcGetAttr(StdIn, out var saved) != 0)
            throw new InvalidOperationException("stdin is not a terminal: -t needs one (drop -t to use pipes)");
        var raw = saved;
        Interop.Libc.CfMakeRaw(ref raw);
        Interop.Libc.TcSetAttr(StdIn, Interop.Libc.TCSANOW, raw);
        return new RawTerminal(saved);
    }

    /// <summary>The calling terminal's size, or 80x24 when it has none.</summary>
    public static TerminalSizeDto Size()
    {
        var size = default(Interop.Libc.WinSize);
        return Interop.Libc.Ioctl(StdOut, Interop.Libc.TIOCGWINSZ, ref size) == 0 && size.Columns > 0
            ? new TerminalSizeDto(size.Columns, size.Rows)
            : new TerminalSizeDto(80, 24);
    }

    public void Dispose()
    {
        if (_restored)
            return;
        _restored = true;
        Interop.Libc.TcSetAttr(StdIn, Interop.Libc.TCSANOW, _saved);
    }
}
