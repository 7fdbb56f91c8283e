using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const ulong MOUNT_ATTR_RDONLY = 0x1;
        internal const ulong MOUNT_ATTR_NOSUID = 0x2;
        internal const ulong MOUNT_ATTR_NODEV = 0x4;
        internal const ulong MOUNT_ATTR_IDMAP = 0x100000;

        /// <summary>struct mount_attr from linux/mount.h (MOUNT_ATTR_SIZE_VER0 = 32 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MountAttr
        {
            internal ulong AttrSet;
            internal ulong AttrClr;
            internal ulong Propagation;
            internal ulong UsernsFd;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "mount_setattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int MountSetattr(int dirfd, string path, uint flags, ref MountAttr attr, nuint size);
    }
}
