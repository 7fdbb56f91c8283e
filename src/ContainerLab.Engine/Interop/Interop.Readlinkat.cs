using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>readlinkat(2): the target of the symlink <paramref name="path"/> in <paramref name="dirfd"/>, without following it.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint Readlinkat(SafeFileHandle dirfd, string path, byte* buffer, nuint size);
    }
}
