using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>TCGETS on a pty master reads the slave's termios: the kernel answers for the linked end.</summary>
        internal const nuint TCGETS = 0x5401;
        internal const nuint TCSETS = 0x5402;
        internal const uint ISIG = 0x1;
        internal const uint NOFLSH = 0x80;
        internal const int VINTR = 0;
        internal const int VQUIT = 1;
        internal const int VSUSP = 10;
        /// <summary>Packet mode on a pty master: each read starts with a byte, 0 before data, else TIOCPKT_* flags alone.</summary>
        internal const nuint TIOCPKT = 0x5420;
        internal const byte TIOCPKT_DATA = 0;
        internal const byte TIOCPKT_FLUSHWRITE = 2;

        /// <summary>The kernel's struct termios (asm-generic/termbits.h), as TCGETS fills it.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct Termios
        {
            internal uint InputFlags;
            internal uint OutputFlags;
            internal uint ControlFlags;
            internal uint LocalFlags;
            internal byte Line;
            internal fixed byte ControlCharacters[19];
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, ref Termios termios);

        /// <summary>ioctl whose argument is a pointer to an int (TIOCSPTLCK, TIOCGPTN).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, ref int value);
    }
}
