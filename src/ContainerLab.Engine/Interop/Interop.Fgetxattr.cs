using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>fgetxattr(2) on an open file descriptor (no path resolution, so no symlink can redirect it).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint Fgetxattr(SafeFileHandle fd, string name, byte* value, nuint size);
    }
}
