using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Inspection;
using ContainerLab.Engine.Runtime.Oci;

namespace ContainerLab.Engine.Runtime;

/// <summary>
/// Whether the runtime can mount where config.json says, given what the image has at those paths. The runtime resolves
/// each destination inside the root filesystem, following the image's symlinks as if the rootfs were `/` (crun: openat2
/// RESOLVE_IN_ROOT), after it mounted /proc, /dev and /sys. So an image whose /etc is a symlink to /proc/self/root/etc
/// sends the /etc/hosts bind mount through a procfs magic link (openat2 fails with EXDEV), one into /sys onto a
/// read-only sysfs, a symlink loop fails with ELOOP and a file where a directory belongs with ENOTDIR. Each is the
/// image's fault, so it is found here, before the runtime runs, and refused as a 400 that names the path.
/// Called on a freshly mounted rootfs that nothing runs in yet, so the tree cannot change under the walk; every
/// component is read with lstat and only directories already found not to be symlinks are descended.
/// </summary>
public static class MountTargets
{
    private const int MaxSymlinks = 40; // the kernel's limit for one lookup (MAXSYMLINKS in include/linux/namei.h)
    private static readonly string[] s_kernelFilesystems = ["proc", "sys", "dev"];

    /// <exception cref="InvalidRequestException">A destination cannot be mounted in this image; says why.</exception>
    public static void Check(string rootfs, IReadOnlyList<OciMount> mounts)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootfs);
        ArgumentNullException.ThrowIfNull(mounts);
        var freshFilesystems = new List<string>();
        foreach (OciMount mount in mounts)
        {
            // Below an earlier mount of a new filesystem (/dev/pts in the /dev tmpfs), the image's files are hidden.
            if (freshFilesystems.Any(f => mount.Destination.StartsWith(f + "/", StringComparison.Ordinal)))
                continue;
            bool bindsFile = mount.Type == "bind" && File.Exists(mount.Source);
            CheckOne(rootfs, mount.Destination, bindsFile);
            if (mount.Type != "bind")
                freshFilesystems.Add(mount.Destination);
        }
    }

    private static void CheckOne(string rootfs, string destination, bool bindsFile)
    {
        var resolved = new List<string>();
        var pending = new List<string>(destination.Split('/', StringSplitOptions.RemoveEmptyEntries));
        string? firstLink = null;
        int links = 0;
        OverlayEntry last = default;
        while (pending.Count > 0)
        {
            string name = pending[0];
            pending.RemoveAt(0);
            if (name == ".")
                continue;
            if (name == "..")
            {
                // Above the root is the root, as for a process chrooted there (and RESOLVE_IN_ROOT).
                if (resolved.Count > 0)
                    resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            string inImage = "/" + string.Join('/', [.. resolved, name]);
            string host = rootfs.TrimEnd('/') + inImage;
            last = OverlayEntry.Read(host);
            if (last.Kind == OverlayEntryKind.Missing)
            {
                // The runtime creates what is missing; the rest of the path is then made of plain new directories.
                resolved.Add(name);
                foreach (string rest in pending.Where(p => p != "."))
                    if (rest != "..") resolved.Add(rest);
                    else if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                pending.Clear();
                break;
            }
            if ((last.Mode & Interop.S_IFMT) == Interop.S_IFLNK)
            {
                string target = new FileInfo(host).LinkTarget ?? "";
                firstLink ??= $"{inImage} is a symlink to {target}";
                if (++links > MaxSymlinks)
                    throw Refuse(destination, $"{inImage} is a symlink loop (more than {MaxSymlinks} symlinks to follow)");
                if (target.StartsWith('/'))
                    resolved.Clear();
                pending.InsertRange(0, target.Split('/', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            if (last.Kind != OverlayEntryKind.Directory && pending.Count > 0)
                throw Refuse(destination, $"{inImage} is a file, not a directory{Via(firstLink)}");
            resolved.Add(name);
        }

        string landing = "/" + string.Join('/', resolved);
        if (landing != destination && resolved.Count > 0 && s_kernelFilesystems.Contains(resolved[0]))
            throw Refuse(destination, $"it leads to {landing}{Via(firstLink)}, inside /{resolved[0]}, where the runtime mounts a kernel filesystem first");
        if (last.Kind == OverlayEntryKind.Directory && bindsFile)
            throw Refuse(destination, $"{landing} is a directory in the image, but a file is mounted there");
        if (last.Kind is not (OverlayEntryKind.Directory or OverlayEntryKind.Missing) && !bindsFile)
            throw Refuse(destination, $"{landing} is a file in the image, but a directory is mounted there");
    }

    private static string Via(string? firstLink) => firstLink is null ? "" : $" ({firstLink})";

    private static InvalidRequestException Refuse(string destination, string why) =>
        new($"the image cannot be started: the runtime mounts {destination}, but {why}");
}
