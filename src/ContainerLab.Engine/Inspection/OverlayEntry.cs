using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Inspection;

internal enum OverlayEntryKind { Missing, Whiteout, Directory, Other }

/// <summary>One name in an overlay layer directory (upper or lower) as overlayfs itself classifies it.</summary>
internal readonly record struct OverlayEntry(OverlayEntryKind Kind, long Size)
{
    // overlayfs marks a directory opaque with this xattr (fs/overlayfs/overlayfs.h OVL_XATTR_OPAQUE). Since 6.7 the
    // value "x" means "contains xattr whiteouts", not opaque, so only "y" counts (ovl_dentry_is_opaque).
    private const string OpaqueXattr = "trusted.overlay.opaque";

    /// <summary>
    /// lstat of <paramref name="path"/>: a symlink is an entry of its own, never followed. A path that does not exist
    /// (or vanished while the sandbox runs) is Missing.
    /// </summary>
    public static OverlayEntry Read(string path)
    {
        while (true)
        {
            if (Interop.Libc.Statx(Interop.Libc.AT_FDCWD, path, Interop.AT_SYMLINK_NOFOLLOW, Interop.STATX_BASIC_STATS, out var buffer) == 0)
                return Classify(buffer);
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Interop.ENOENT or Interop.ENOTDIR)
                return new OverlayEntry(OverlayEntryKind.Missing, 0);
            if (errno != Interop.EINTR)
                throw new KernelCallException("statx", path, errno);
        }
    }

    /// <summary>True when the directory hides the same directory of every layer below it.</summary>
    public static unsafe bool IsOpaque(string directory)
    {
        byte value = 0;
        nint length;
        while ((length = Interop.Libc.Lgetxattr(directory, OpaqueXattr, &value, 1)) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            // ENODATA: not set. EOPNOTSUPP: a filesystem without xattrs cannot hold overlay metadata at all.
            // ERANGE: the value is longer than one byte, so it is not "y".
            if (errno is Interop.ENODATA or Interop.EOPNOTSUPP or Interop.ERANGE or Interop.ENOENT)
                return false;
            if (errno != Interop.EINTR)
                throw new KernelCallException("lgetxattr " + OpaqueXattr, directory, errno);
        }
        return length == 1 && value == (byte)'y';
    }

    private static OverlayEntry Classify(in Interop.StatxBuffer buffer)
    {
        uint type = buffer.Mode & Interop.S_IFMT;
        // A whiteout is a character device 0/0 (Documentation/filesystems/overlayfs.rst, "whiteouts and opaque
        // directories"; ovl_is_whiteout): the name is deleted and hides the same name in the layers below.
        if (type == Interop.S_IFCHR && buffer.RdevMajor == 0 && buffer.RdevMinor == 0)
            return new OverlayEntry(OverlayEntryKind.Whiteout, 0);
        if (type == Interop.S_IFDIR)
            return new OverlayEntry(OverlayEntryKind.Directory, 0);
        return new OverlayEntry(OverlayEntryKind.Other, (long)buffer.Size);
    }
}
