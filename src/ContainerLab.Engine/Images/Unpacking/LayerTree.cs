using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Images.Unpacking;

/// <summary>
/// The directory a layer is unpacked into, written only through file descriptors. Every path is walked one
/// component at a time with openat(O_DIRECTORY | O_NOFOLLOW), so a symlink planted by an earlier entry can never
/// redirect a later write out of the tree: the kernel refuses to follow it (ELOOP) instead of us checking and then
/// acting on a path (no check-then-use window). Objects are then created with the *at() calls relative to the
/// parent's descriptor, and metadata is changed with AT_SYMLINK_NOFOLLOW.
/// </summary>
internal sealed class LayerTree : IDisposable
{
    private const int DirectoryOpenFlags = Interop.O_RDONLY | Interop.O_DIRECTORY | Interop.O_NOFOLLOW | Interop.O_CLOEXEC;

    private readonly string _rootPath;
    private readonly string _layer;
    private readonly SafeFileHandle _root;

    private LayerTree(string rootPath, string layer, SafeFileHandle root)
    {
        _rootPath = rootPath;
        _layer = layer;
        _root = root;
    }

    /// <summary>Creates <paramref name="rootPath"/> (which must not exist yet) and opens it.</summary>
    public static LayerTree Create(string rootPath, string layer)
    {
        if (Path.Exists(rootPath))
            throw new InvalidOperationException($"layer directory {rootPath} already exists");
        Directory.CreateDirectory(rootPath);
        int fd = Interop.Check(() => Interop.Libc.Open(rootPath, DirectoryOpenFlags, 0), "open", rootPath);
        return new LayerTree(rootPath, layer, new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>
    /// Opens the directory that contains <paramref name="relativePath"/>. Missing directories are created
    /// (0755, root) when <paramref name="create"/> is set, as tar writers may omit parents. A component that is a
    /// symlink or not a directory refuses the entry.
    /// </summary>
    public SafeFileHandle OpenParent(string relativePath, string entryName, bool create)
    {
        int slash = relativePath.LastIndexOf('/');
        return OpenDirectory(slash < 0 ? "" : relativePath[..slash], entryName, create);
    }

    public SafeFileHandle OpenDirectory(string relativeDirectory, string entryName, bool create)
    {
        SafeFileHandle current = OpenAt(_root, ".", DirectoryOpenFlags, "open layer root");
        string walked = "";
        try
        {
            foreach (string component in relativeDirectory.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                walked = walked.Length == 0 ? component : $"{walked}/{component}";
                SafeFileHandle next = OpenComponent(current, component, walked, entryName, create);
                current.Dispose();
                current = next;
            }
            return current;
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    public static string NameOf(string relativePath) =>
        relativePath[(relativePath.LastIndexOf('/') + 1)..];

    /// <summary>mkdirat, or keep an existing directory (tar allows a directory entry after its children).</summary>
    public void CreateDirectory(SafeFileHandle parent, string name, string relativePath)
    {
        if (TryOpenDirectory(parent, name, relativePath, out SafeFileHandle? existing))
        {
            existing!.Dispose();
            return;
        }
        RemoveExisting(parent, name, relativePath);
        Interop.Check(() => Interop.Libc.Mkdirat(parent, name, 0x1C0 /* 0700 until chmod */), "mkdirat", relativePath);
    }

    /// <summary>Creates a regular file (O_EXCL | O_NOFOLLOW: never opens what is already there) and returns it for writing.</summary>
    public SafeFileHandle CreateFile(SafeFileHandle parent, string name, string relativePath)
    {
        const int flags = Interop.O_WRONLY | Interop.O_CREAT | Interop.O_EXCL | Interop.O_NOFOLLOW | Interop.O_CLOEXEC;
        RemoveExisting(parent, name, relativePath);
        return OpenAt(parent, name, flags, "openat", 0x180 /* 0600 until chmod */, relativePath);
    }

    public void CreateSymlink(SafeFileHandle parent, string name, string relativePath, string target)
    {
        RemoveExisting(parent, name, relativePath);
        Interop.Check(() => Interop.Libc.Symlinkat(target, parent, name), "symlinkat", relativePath);
    }

    public void CreateHardLink(SafeFileHandle targetParent, string targetName, SafeFileHandle parent, string name, string relativePath)
    {
        RemoveExisting(parent, name, relativePath);
        // flags 0: if the target is a symlink, the link is to the symlink itself, never to where it points.
        Interop.Check(() => Interop.Libc.Linkat(targetParent, targetName, parent, name, 0), "linkat", relativePath);
    }

    public void CreateNode(SafeFileHandle parent, string name, string relativePath, uint typeAndMode)
    {
        RemoveExisting(parent, name, relativePath);
        Interop.Check(() => Interop.Libc.Mknodat(parent, name, typeAndMode, 0), "mknodat", relativePath);
    }

    /// <summary>Owner first, then mode: chown clears setuid/setgid bits, so the other order would lose them.</summary>
    public static void SetOwnerAndMode(SafeFileHandle parent, string name, string relativePath, int uid, int gid, uint? mode)
    {
        Interop.Check(() => Interop.Libc.Fchownat(parent, name, (uint)uid, (uint)gid, Interop.AT_SYMLINK_NOFOLLOW), "fchownat", relativePath);
        if (mode is uint m)
            Interop.Check(() => Interop.Libc.Fchmodat(parent, name, m, Interop.AT_SYMLINK_NOFOLLOW), "fchmodat", relativePath);
    }

    public static unsafe void SetModificationTime(SafeFileHandle parent, string name, string relativePath, DateTimeOffset time)
    {
        long ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
        long seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }
        Interop.Timespec* times = stackalloc Interop.Timespec[2];
        times[0] = times[1] = new Interop.Timespec { Seconds = seconds, Nanoseconds = remainder * 100 };
        Interop.Check(() => Interop.Libc.Utimensat(parent, name, times, Interop.AT_SYMLINK_NOFOLLOW), "utimensat", relativePath);
    }

    /// <summary>
    /// A later entry replaces an earlier one of the same name (tar semantics, as docker and containerd apply it).
    /// unlinkat never follows a symlink; a directory in the way is removed recursively by host path, which is
    /// safe because the walk to its parent just proved no component is a symlink and nobody else writes here.
    /// </summary>
    private void RemoveExisting(SafeFileHandle parent, string name, string relativePath)
    {
        while (true)
        {
            switch (Interop.Answer(Interop.Libc.Unlinkat(parent, name, 0), "unlinkat", relativePath, Interop.EINTR, Interop.ENOENT, Interop.EISDIR))
            {
                case Interop.EINTR:
                    continue;
                case Interop.EISDIR:
                    Directory.Delete(Path.Combine(_rootPath, relativePath), recursive: true);
                    return;
                default: // removed, or not there
                    return;
            }
        }
    }

    private SafeFileHandle OpenComponent(SafeFileHandle dir, string component, string walked, string entryName, bool create)
    {
        while (true)
        {
            int fd = Interop.Libc.Openat(dir, component, DirectoryOpenFlags, 0);
            if (fd >= 0)
                return new SafeFileHandle(fd, ownsHandle: true);
            int errno = Interop.Answer(fd, "openat", walked, Interop.EINTR, Interop.ELOOP, Interop.ENOTDIR, Interop.ENOENT);
            switch (errno)
            {
                case Interop.EINTR:
                    continue;
                case Interop.ELOOP or Interop.ENOTDIR:
                    // With O_DIRECTORY the kernel reports a symlink as ENOTDIR (ELOOP without it). Either way the
                    // entry is refused; looking at the component by path only chooses the words of the message.
                    bool isSymlink = errno == Interop.ELOOP || new FileInfo(Path.Combine(_rootPath, walked)).LinkTarget is not null;
                    throw ImportRefusal.Entry(_layer, entryName, isSymlink
                        ? $"would be written through the symlink '{walked}'"
                        : $"has a parent '{walked}' that is not a directory");
                case Interop.ENOENT when create:
                    Interop.Check(() => Interop.Libc.Mkdirat(dir, component, 0x1ED), "mkdirat", walked);
                    Interop.Check(() => Interop.Libc.Fchmodat(dir, component, 0x1ED /* 0755 regardless of umask */, Interop.AT_SYMLINK_NOFOLLOW), "fchmodat", walked);
                    continue;
                default: // ENOENT
                    throw ImportRefusal.Entry(_layer, entryName, $"refers to '{walked}', which does not exist earlier in the layer");
            }
        }
    }

    /// <summary>False when nothing is there, or something that is not a directory (ENOTDIR; ELOOP: a symlink).</summary>
    private static bool TryOpenDirectory(SafeFileHandle parent, string name, string relativePath, out SafeFileHandle? handle)
    {
        handle = null;
        int fd;
        do fd = Interop.Libc.Openat(parent, name, DirectoryOpenFlags, 0);
        while (Interop.Answer(fd, "openat", relativePath, Interop.EINTR, Interop.ENOENT, Interop.ENOTDIR, Interop.ELOOP) == Interop.EINTR);
        if (fd < 0)
            return false;
        handle = new SafeFileHandle(fd, ownsHandle: true);
        return true;
    }

    private static SafeFileHandle OpenAt(SafeFileHandle dir, string path, int flags, string operation, uint mode = 0, string? pathForErrors = null)
    {
        int fd = Interop.Check(() => Interop.Libc.Openat(dir, path, flags, mode), operation, pathForErrors ?? path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    public void Dispose() => _root.Dispose();
}
