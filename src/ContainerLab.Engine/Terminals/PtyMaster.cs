using ContainerLab.Engine.Sandboxes;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Terminals;

/// <summary>The master end of a sandbox's pseudo-terminal: bytes in and out, plus the window size.</summary>
public sealed class PtyMaster(SafeFileHandle handle) : IDisposable
{
    public SafeFileHandle Handle { get; } = handle;

    /// <summary>TIOCSWINSZ on the master: the kernel updates the size and sends SIGWINCH to the foreground group.</summary>
    public void Resize(TerminalSize size)
    {
        var winsize = new Interop.Libc.WinSize { Columns = size.Columns, Rows = size.Rows };
        Interop.Check(() => Interop.Libc.Ioctl((int)Handle.DangerousGetHandle(), Interop.Libc.TIOCSWINSZ, ref winsize), "ioctl(TIOCSWINSZ)");
    }

    public TerminalSize Size
    {
        get
        {
            var winsize = default(Interop.Libc.WinSize);
            Interop.Check(() => Interop.Libc.Ioctl((int)Handle.DangerousGetHandle(), Interop.Libc.TIOCGWINSZ, ref winsize), "ioctl(TIOCGWINSZ)");
            return new TerminalSize(winsize.Columns, winsize.Rows);
        }
    }

    /// <summary>
    /// TIOCPKT: from now on every read of the master starts with a byte saying what it is: 0 and the output, or flags
    /// alone, among them TIOCPKT_FLUSHWRITE when the line discipline discarded the output not yet read (a ^C).
    /// </summary>
    public void EnablePacketMode()
    {
        int on = 1;
        Interop.Check(() => Interop.Libc.Ioctl((int)Handle.DangerousGetHandle(), Interop.Libc.TIOCPKT, ref on), "ioctl(TIOCPKT)");
    }

    /// <summary>
    /// The bytes that, written now, make the line discipline send a signal and discard the output it has not delivered:
    /// VINTR, VQUIT and VSUSP (^C, ^\, ^Z) while ISIG is on and NOFLSH off (n_tty's isig()). Empty otherwise, e.g. in
    /// vi's raw mode, where a ^C is only a byte and every byte of output still has to reach the screen.
    /// </summary>
    public unsafe byte[] FlushingCharacters()
    {
        var termios = default(Interop.Libc.Termios);
        // A master whose modes cannot be read (its slave hung up) flushes nothing: input to it goes nowhere anyway.
        if (Interop.Libc.Ioctl((int)Handle.DangerousGetHandle(), Interop.Libc.TCGETS, ref termios) != 0)
            return [];
        if ((termios.LocalFlags & Interop.Libc.ISIG) == 0 || (termios.LocalFlags & Interop.Libc.NOFLSH) != 0)
            return [];
        byte[] all = [termios.ControlCharacters[Interop.Libc.VINTR], termios.ControlCharacters[Interop.Libc.VQUIT], termios.ControlCharacters[Interop.Libc.VSUSP]];
        return [.. all.Where(c => c != 0)]; // 0 is _POSIX_VDISABLE: that character is switched off
    }

    public void Dispose() => Handle.Dispose();
}
