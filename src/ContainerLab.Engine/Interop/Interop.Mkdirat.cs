using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>mkdirat(2). Never follows a symlink at the final component (it fails with EEXIST).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Mkdirat(SafeFileHandle dirfd, string path, uint mode);
    }
}
