using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>mknodat(2). Used for overlayfs whiteouts (char 0/0) and FIFOs; needs CAP_MKNOD for devices.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "mknodat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Mknodat(SafeFileHandle dirfd, string path, uint mode, ulong dev);
    }
}
