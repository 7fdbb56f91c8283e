using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Snapshots;

/// <summary>
/// Presents a shared, root-owned image layer to one sandbox with its ids shifted into the sandbox's
/// range: open_tree(OPEN_TREE_CLONE) makes a detached bind of the layer, mount_setattr(MOUNT_ATTR_IDMAP)
/// applies the user namespace's mapping to it (and makes it read-only), move_mount attaches it.
/// The layer on disk is never changed; without this, root-owned files would show as nobody (65534) inside.
/// </summary>
internal static class IdmappedMount
{
    public static void Create(string source, string target, SafeHandle userNamespace)
    {
        int tree = Interop.Check(() => Interop.Libc.OpenTree(Interop.Libc.AT_FDCWD, source,
            Interop.Libc.OPEN_TREE_CLONE | Interop.Libc.OPEN_TREE_CLOEXEC), "open_tree", source);
        try
        {
            var attr = new Interop.Libc.MountAttr
            {
                AttrSet = Interop.Libc.MOUNT_ATTR_IDMAP | Interop.Libc.MOUNT_ATTR_RDONLY | Interop.Libc.MOUNT_ATTR_NODEV,
                UsernsFd = (ulong)userNamespace.DangerousGetHandle(),
            };
            Interop.Check(() => Interop.Libc.MountSetattr(tree, "", Interop.Libc.AT_EMPTY_PATH, ref attr,
                (nuint)Marshal.SizeOf<Interop.Libc.MountAttr>()), "mount_setattr(MOUNT_ATTR_IDMAP)", source);
            Interop.Check(() => Interop.Libc.MoveMount(tree, "", Interop.Libc.AT_FDCWD, target,
                Interop.Libc.MOVE_MOUNT_F_EMPTY_PATH), "move_mount", target);
        }
        finally
        {
            Interop.Libc.Close(tree);
        }
    }
}
