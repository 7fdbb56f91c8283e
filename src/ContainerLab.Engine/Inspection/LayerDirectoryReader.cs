using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Inspection;

/// <summary>
/// Lists one directory of one layer, like dive's file tree: each entry as the layer stores it, and what the layer did
/// to the name compared with the layers below it (<see cref="OverlayLookup"/>). One directory per call, because an image
/// layer holds thousands of files and the browser opens them one directory at a time.
/// The writable layer belongs to the student, who is root inside the sandbox and can put a symlink to the host's /etc
/// there. So the layer is walked from its root one component at a time with openat(O_DIRECTORY | O_NOFOLLOW), as the
/// unpacker writes (Images/Unpacking/LayerTree): the kernel refuses to follow a symlink instead of us checking a path
/// and then using it. Entries are read with getdents64, statx, readlinkat and fgetxattr relative to those descriptors.
/// Nothing is followed or mounted.
/// </summary>
public static class LayerDirectoryReader
{
    public const int DefaultMaxEntries = 2000;
    private const int DirectoryFlags = Interop.O_RDONLY | Interop.O_DIRECTORY | Interop.O_NOFOLLOW | Interop.O_CLOEXEC;

    /// <param name="layersBottomToTop">Layer directories, bottom first: the image layers, then the writable layer (upperdir).</param>
    /// <param name="layer">Index into <paramref name="layersBottomToTop"/>.</param>
    /// <param name="path">The directory inside the layer, absolute ("/usr/bin"); ".." is refused.</param>
    /// <param name="maxEntries">At most this many entries; <see cref="LayerDirectory.Truncated"/> says more exist.</param>
    public static LayerDirectory Read(IReadOnlyList<string> layersBottomToTop, int layer, string path, int maxEntries = DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(layersBottomToTop);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        if (layer < 0 || layer >= layersBottomToTop.Count)
            throw new NotFoundException("layer", layer.ToString(CultureInfo.InvariantCulture));
        var components = LayerPath.Parse(path);
        string normalized = LayerPath.Join(components);
        var (directory, below) = Walk(layersBottomToTop[layer], layer, components, [.. layersBottomToTop.Take(layer).Reverse()]);
        using (directory)
        {
            var (names, more) = DirectoryNames.Read(directory, maxEntries, normalized);
            names.Sort(StringComparer.Ordinal);
            var entries = new List<LayerFile>(names.Count);
            foreach (string name in names)
            {
                string entryPath = normalized.TrimEnd('/') + "/" + name;
                var entry = OverlayEntry.ReadAt(directory, name, entryPath);
                if (entry.Kind == OverlayEntryKind.Missing)
                    continue; // removed inside the running sandbox since the directory was read
                var kind = KindOf(entry);
                bool opaque = kind == LayerFileKind.Directory && IsOpaqueAt(directory, name, entryPath);
                var change = OverlayLookup.ChangeOf(entry, opaque, OverlayLookup.LookUp(below, name).Kind);
                string? target = kind == LayerFileKind.Symlink ? ReadLinkAt(directory, name, entryPath) : null;
                entries.Add(new LayerFile(name, kind, target, entry.Size, entry.Mode, entry.Uid, entry.Gid, change));
            }
            return new LayerDirectory(layer, normalized, entries, more);
        }
    }

    /// <summary>
    /// Opens the directory at <paramref name="components"/> in the layer and finds the lower directories overlayfs
    /// merges with it, top first: at each step the lowers' directory of the same name, unless this layer's directory
    /// is opaque (then nothing below shows) or the lowers have no directory there.
    /// </summary>
    private static (SafeFileHandle Directory, IReadOnlyList<string> Below) Walk(
        string layerRoot, int layer, IReadOnlyList<string> components, IReadOnlyList<string> lowerRootsTopDown)
    {
        var current = OpenRoot(layerRoot, layer);
        IReadOnlyList<string> below = lowerRootsTopDown;
        var walked = new List<string>(components.Count);
        try
        {
            foreach (string component in components)
            {
                walked.Add(component);
                var next = OpenComponent(current, component, layer, LayerPath.Join(walked));
                current.Dispose();
                current = next;
                below = OverlayEntry.IsOpaque(current, LayerPath.Join(walked)) ? [] : OverlayLookup.LookUp(below, component).MergedDirectories;
            }
            return (current, below);
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenRoot(string layerRoot, int layer)
    {
        while (true)
        {
            int fd = Interop.Libc.Open(layerRoot, DirectoryFlags);
            if (fd >= 0)
                return new SafeFileHandle(fd, ownsHandle: true);
            if (Interop.Answer(fd, "open", layerRoot, Interop.EINTR, Interop.ENOENT) == Interop.ENOENT)
                throw new NotFoundException("layer", layer.ToString(CultureInfo.InvariantCulture)); // e.g. the writable layer of a sandbox being removed
        }
    }

    private static SafeFileHandle OpenComponent(SafeFileHandle parent, string component, int layer, string walked)
    {
        while (true)
        {
            int fd = Interop.Libc.Openat(parent, component, DirectoryFlags, 0);
            if (fd >= 0)
                return new SafeFileHandle(fd, ownsHandle: true);
            int errno = Interop.Answer(fd, "openat", walked, Interop.EINTR, Interop.ENOENT, Interop.ELOOP, Interop.ENOTDIR);
            switch (errno)
            {
                case Interop.EINTR:
                    continue;
                case Interop.ENOENT:
                    throw new NotFoundException($"layer {layer} directory", walked);
                default: // ELOOP or ENOTDIR
                    // With O_DIRECTORY the kernel reports a symlink as ENOTDIR (ELOOP without it). Looking at the name
                    // (statx without following, in the same parent) only chooses the words of the refusal.
                    var entry = OverlayEntry.ReadAt(parent, component, walked);
                    string what = entry.Kind == OverlayEntryKind.Whiteout ? "a whiteout (deleted in this layer)"
                        : (entry.Mode & Interop.S_IFMT) == Interop.S_IFLNK ? "a symlink, which is listed but never followed"
                        : "not a directory";
                    throw new InvalidRequestException($"'{walked}' in layer {layer} is {what}");
            }
        }
    }

    private static bool IsOpaqueAt(SafeFileHandle parent, string name, string entryPath)
    {
        int fd;
        do fd = Interop.Libc.Openat(parent, name, DirectoryFlags, 0);
        while (Interop.Answer(fd, "openat", entryPath, Interop.EINTR, Interop.ENOENT, Interop.ENOTDIR, Interop.ELOOP) == Interop.EINTR);
        if (fd < 0)
            return false; // replaced or removed inside the running sandbox since it was read: it is no opaque directory now
        using var directory = new SafeFileHandle(fd, ownsHandle: true);
        return OverlayEntry.IsOpaque(directory, entryPath);
    }

    private static unsafe string? ReadLinkAt(SafeFileHandle parent, string name, string entryPath)
    {
        const int PathMax = 4096;
        byte* buffer = stackalloc byte[PathMax];
        nint length;
        while ((length = Interop.Libc.Readlinkat(parent, name, buffer, PathMax)) < 0)
        {
            if (Interop.Answer(length, "readlinkat", entryPath, Interop.EINTR, Interop.ENOENT, Interop.EINVAL) != Interop.EINTR)
                return null; // removed or replaced by a non-symlink since it was read
        }
        return Encoding.UTF8.GetString(buffer, (int)length);
    }

    private static LayerFileKind KindOf(OverlayEntry entry) => entry.Kind == OverlayEntryKind.Directory
        ? LayerFileKind.Directory
        : (entry.Mode & Interop.S_IFMT) switch
        {
            Interop.S_IFREG => LayerFileKind.File,
            Interop.S_IFLNK => LayerFileKind.Symlink,
            _ => LayerFileKind.Other,
        };
}
