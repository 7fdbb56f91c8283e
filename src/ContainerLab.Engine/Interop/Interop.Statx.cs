using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal const uint STATX_BASIC_STATS = 0x7ff;
    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFDIR = 0x4000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFLNK = 0xA000;

    /// <summary>
    /// struct statx (include/uapi/linux/stat.h): one layout on every architecture, unlike struct stat, which is why
    /// it is used instead of lstat. Only the fields read are named; the rest is padding up to the kernel's 256 bytes.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(128)] public uint RdevMajor;
        [FieldOffset(132)] public uint RdevMinor;
    }

    internal static partial class Libc
    {
        /// <summary>statx(2); with AT_SYMLINK_NOFOLLOW it is lstat: a symlink is described, never followed.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

        /// <summary>The same relative to an open directory: only <paramref name="path"/> (one name) is resolved, inside it.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Statx(SafeFileHandle dirfd, string path, int flags, uint mask, out StatxBuffer buffer);
    }
}
