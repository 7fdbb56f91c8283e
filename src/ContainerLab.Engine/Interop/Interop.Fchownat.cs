using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>fchownat(2); with AT_SYMLINK_NOFOLLOW it changes a symlink itself (lchown semantics).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Fchownat(SafeFileHandle dirfd, string path, uint owner, uint group, int flags);
    }
}
