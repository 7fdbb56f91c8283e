using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>
/// OCI layers mark deletions with AUFS-style names; overlayfs wants its own markers in a lower layer:
/// - ".wh.NAME" (NAME deleted) becomes a character device 0/0 named NAME, which overlayfs reads as a whiteout
///   (Documentation/filesystems/overlayfs.rst, "whiteouts and opaque directories");
/// - ".wh..wh..opq" (directory replaced, lower contents hidden) becomes the xattr trusted.overlay.opaque="y" on
///   the directory. trusted.* xattrs need CAP_SYS_ADMIN, so the layer must be unpacked by root.
/// Other ".wh..wh." names are AUFS bookkeeping (e.g. ".wh..wh.plnk") and are skipped, as docker skips them.
/// </summary>
internal static class WhiteoutConverter
{
    public const string Prefix = ".wh.";
    public const string OpaqueMarker = ".wh..wh..opq";
    private const string AufsMetadataPrefix = ".wh..wh.";
    private const string OpaqueXattr = "trusted.overlay.opaque";

    public enum Kind { None, Whiteout, Opaque, AufsMetadata }

    /// <summary>Classifies a normalized entry path; for a whiteout, <paramref name="hiddenPath"/> is the path it deletes.</summary>
    public static Kind Classify(string layer, string entryName, string normalizedPath, out string hiddenPath)
    {
        hiddenPath = "";
        string name = LayerTree.NameOf(normalizedPath);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            return Kind.None;
        if (name == OpaqueMarker)
            return Kind.Opaque;
        if (name.StartsWith(AufsMetadataPrefix, StringComparison.Ordinal))
            return Kind.AufsMetadata;
        string hidden = name[Prefix.Length..];
        if (hidden.Length == 0 || hidden == "." || hidden == "..")
            throw ImportRefusal.Entry(layer, entryName, "is a whiteout without a valid name to delete");
        int slash = normalizedPath.LastIndexOf('/');
        hiddenPath = slash < 0 ? hidden : $"{normalizedPath[..slash]}/{hidden}";
        return Kind.Whiteout;
    }

    public static void CreateWhiteout(LayerTree tree, SafeFileHandle parent, string name, string relativePath)
    {
        tree.CreateNode(parent, name, relativePath, Interop.S_IFCHR); // mode 0000, device 0/0
    }

    public static unsafe void MarkOpaque(SafeFileHandle directory, string relativePath)
    {
        byte value = (byte)'y';
        byte* pointer = &value;
        Interop.Check(() => Interop.Libc.Fsetxattr(directory, OpaqueXattr, pointer, 1, 0), "fsetxattr " + OpaqueXattr, relativePath.Length == 0 ? "/" : relativePath);
    }
}
