using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Inspection;

internal enum OverlayEntryKind { Missing, Whiteout, Directory, Other }

/// <summary>One name in an overlay layer directory (upper or lower) as overlayfs itself classifies it.</summary>
/// <param name="Size">Bytes of a non-directory (a symlink's target length); 0 for directories and whiteouts.</param>
/// <param name="Mode">st_mode as stored: file type and permission bits.</param>
/// <param name="Uid">Owner as stored in the layer directory (the host's view: no idmapping applies here).</param>
internal readonly record struct OverlayEntry(OverlayEntryKind Kind, long Size, uint Mode = 0, long Uid = 0, long Gid = 0)
{
    private static readonly OverlayEntry Missing = new(OverlayEntryKind.Missing, 0);

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
            int result = Interop.Libc.Statx(Interop.Libc.AT_FDCWD, path, Interop.AT_SYMLINK_NOFOLLOW, Interop.STATX_BASIC_STATS, out var buffer);
            if (result == 0)
                return Classify(buffer);
            if (IsGone(result, path))
                return Missing;
        }
    }

    /// <summary>The same for <paramref name="name"/> inside the open directory <paramref name="parent"/>: only that one name is resolved.</summary>
    public static OverlayEntry ReadAt(SafeFileHandle parent, string name, string pathForErrors)
    {
        while (true)
        {
            int result = Interop.Libc.Statx(parent, name, Interop.AT_SYMLINK_NOFOLLOW, Interop.STATX_BASIC_STATS, out var buffer);
            if (result == 0)
                return Classify(buffer);
            if (IsGone(result, pathForErrors))
                return Missing;
        }
    }

    /// <summary>True when the directory hides the same directory of every layer below it.</summary>
    public static unsafe bool IsOpaque(string directory) =>
        IsOpaque(value => Interop.Libc.Lgetxattr(directory, OpaqueXattr, value, 1), "lgetxattr", directory);

    /// <summary>The same for a directory already open (no path is resolved).</summary>
    public static unsafe bool IsOpaque(SafeFileHandle directory, string pathForErrors) =>
        IsOpaque(value => Interop.Libc.Fgetxattr(directory, OpaqueXattr, value, 1), "fgetxattr", pathForErrors);

    private unsafe delegate nint ReadXattr(byte* value);

    private static unsafe bool IsOpaque(ReadXattr read, string call, string directory)
    {
        byte value = 0;
        nint length;
        while ((length = read(&value)) < 0)
        {
            // ENODATA: not set. EOPNOTSUPP: a filesystem without xattrs cannot hold overlay metadata at all.
            // ERANGE: the value is longer than one byte, so it is not "y".
            if (Interop.Answer(length, call + " " + OpaqueXattr, directory,
                    Interop.EINTR, Interop.ENODATA, Interop.EOPNOTSUPP, Interop.ERANGE, Interop.ENOENT) != Interop.EINTR)
                return false;
        }
        return length == 1 && value == (byte)'y';
    }

    /// <summary>
    /// After statx failed with <paramref name="result"/>: true when the name does not exist (ENOENT, ENOTDIR; it may
    /// have vanished while the sandbox runs), false when a signal interrupted the call and it should run again; throws
    /// for any other failure.
    /// </summary>
    private static bool IsGone(int result, string path) =>
        Interop.Answer(result, "statx", path, Interop.EINTR, Interop.ENOENT, Interop.ENOTDIR) != Interop.EINTR;

    private static OverlayEntry Classify(in Interop.StatxBuffer buffer)
    {
        uint type = buffer.Mode & Interop.S_IFMT;
        // A whiteout is a character device 0/0 (Documentation/filesystems/overlayfs.rst, "whiteouts and opaque
        // directories"; ovl_is_whiteout): the name is deleted and hides the same name in the layers below.
        var kind = type == Interop.S_IFCHR && buffer.RdevMajor == 0 && buffer.RdevMinor == 0 ? OverlayEntryKind.Whiteout
            : type == Interop.S_IFDIR ? OverlayEntryKind.Directory
            : OverlayEntryKind.Other;
        return new OverlayEntry(kind, kind == OverlayEntryKind.Other ? (long)buffer.Size : 0, buffer.Mode, buffer.Uid, buffer.Gid);
    }
}
