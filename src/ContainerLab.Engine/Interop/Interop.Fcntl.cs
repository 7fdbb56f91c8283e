using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int F_GETFL = 3;
        internal const int F_SETFL = 4;
        internal const int O_NONBLOCK = 0x800;

        [LibraryImport(Libraries.Libc, EntryPoint = "fcntl", SetLastError = true)]
        internal static partial int Fcntl(int fd, int cmd, int arg);
    }
}
