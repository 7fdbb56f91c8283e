using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>openat(2): resolves <paramref name="path"/> relative to <paramref name="dirfd"/>.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Openat(SafeFileHandle dirfd, string path, int flags, uint mode);
    }
}
