using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    /// <summary>
    /// struct linux_dirent64 (include/linux/dirent.h): u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, then the
    /// NUL-terminated name; the same layout on every architecture.
    /// </summary>
    internal const int Dirent64ReclenOffset = 16;
    internal const int Dirent64NameOffset = 19;

    internal static partial class Libc
    {
        /// <summary>
        /// getdents64(2): reads entries of an open directory. .NET enumerates directories only by path; this reads the
        /// directory a descriptor already holds, so no path is resolved again between opening and reading.
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getdents64", SetLastError = true)]
        internal static unsafe partial nint Getdents64(SafeFileHandle fd, byte* buffer, nuint count);
    }
}
