using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>unlinkat(2); AT_REMOVEDIR removes an empty directory. Never follows a final symlink.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Unlinkat(SafeFileHandle dirfd, string path, int flags);
    }
}
