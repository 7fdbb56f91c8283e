using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// fchmodat(2). glibc >= 2.32 honours AT_SYMLINK_NOFOLLOW for non-symlinks (and fails with EOPNOTSUPP on a
        /// symlink, whose mode Linux ignores anyway), so a mode change never lands on a symlink's target.
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fchmodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Fchmodat(SafeFileHandle dirfd, string path, uint mode, int flags);
    }
}
