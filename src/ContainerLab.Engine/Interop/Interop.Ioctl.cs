using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const nuint TIOCSWINSZ = 0x5414;
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
        internal static partial int Ioctl(int fd, nuint request, ref WinSize size);

        /// <summary>ioctl with an integer argument (or none), e.g. LOOP_CTL_GET_FREE, LOOP_CLR_FD.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, nint argument);

        /// <summary>LOOP_CONFIGURE (Interop.LoopConstants.cs).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, ref LoopConfig config);
    }
}
