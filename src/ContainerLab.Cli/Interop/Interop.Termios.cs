using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct termios of glibc on Linux: opaque to us except for its size (60 bytes; padded to 64).</summary>
        [StructLayout(LayoutKind.Sequential, Size = 64)]
        internal struct Termios
        {
            private readonly long _opaque;
        }

        internal const int TCSANOW = 0;

        [LibraryImport(Libraries.Libc, EntryPoint = "tcgetattr", SetLastError = true)]
        internal static partial int TcGetAttr(int fd, out Termios termios);

        [LibraryImport(Libraries.Libc, EntryPoint = "tcsetattr", SetLastError = true)]
        internal static partial int TcSetAttr(int fd, int actions, in Termios termios);

        [LibraryImport(Libraries.Libc, EntryPoint = "cfmakeraw")]
        internal static partial void CfMakeRaw(ref Termios termios);
    }
}
