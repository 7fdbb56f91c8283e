using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const nuint TIOCGWINSZ = 0x5413;

        [StructLayout(LayoutKind.Sequential)]
        internal struct WinSize
        {
            internal ushort Rows;
            internal ushort Columns;
            internal ushort XPixels;
            internal ushort YPixels;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, out WinSize size);

        [LibraryImport(Libraries.Libc, EntryPoint = "isatty")]
        internal static partial int IsATty(int fd);
    }
}
