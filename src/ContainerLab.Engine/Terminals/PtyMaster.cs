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

    public void Dispose() => Handle.Dispose();
}
