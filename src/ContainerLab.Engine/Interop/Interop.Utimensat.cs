using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        internal long Seconds;
        internal long Nanoseconds;
    }

    internal static partial class Libc
    {
        /// <summary>utimensat(2); <paramref name="times"/> points at two timespecs (atime, mtime).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int Utimensat(SafeFileHandle dirfd, string path, Timespec* times, int flags);
    }
}
