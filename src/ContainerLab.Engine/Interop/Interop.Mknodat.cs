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

    /// <summary>glibc's makedev(3): the device number mknodat takes, from a major and a minor.</summary>
    internal static ulong Makedev(ulong major, ulong minor) =>
        ((major & 0xfffff000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00) << 12) | (minor & 0xff);
}
