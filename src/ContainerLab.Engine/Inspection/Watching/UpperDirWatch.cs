using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Inspection.Watching;

/// <summary>
/// inotify on the overlay's upper directory and every directory below it: a student's touch, edit, rm (a whiteout is
/// created) or mkdir shows up as an event on the upper's directories, so nothing is walked to notice a change.
/// The student is root inside and controls the tree: a directory is opened one component at a time from the upper
/// with O_NOFOLLOW | O_DIRECTORY and watched through /proc/self/fd/N, so a planted symlink never puts a watch on a
/// host directory. At most <see cref="MaxWatches"/> directories are watched; past that <see cref="Incomplete"/> is set.
/// </summary>
internal sealed class UpperDirWatch : IDisposable
{
    private const uint Mask = Interop.IN_CREATE | Interop.IN_DELETE | Interop.IN_MODIFY | Interop.IN_ATTRIB | Interop.IN_CLOSE_WRITE
        | Interop.IN_MOVED_FROM | Interop.IN_MOVED_TO | Interop.IN_ONLYDIR;
    private const int DirectoryOpenFlags = Interop.O_RDONLY | Interop.O_DIRECTORY | Interop.O_NOFOLLOW | Interop.O_CLOEXEC;
    private const int HeaderSize = 16; // struct inotify_event: int wd; u32 mask, cookie, len; char name[len]

    private readonly string _upper;
    private readonly SafeFileHandle _inotify;
    private readonly Dictionary<int, string> _directories = []; // watch descriptor -> path below the upper ("" = itself)
    private readonly byte[] _buffer = new byte[64 * 1024];

    private UpperDirWatch(string upper, SafeFileHandle inotify, int maxWatches)
    {
        _upper = upper;
        _inotify = inotify;
        MaxWatches = maxWatches;
    }

    public int MaxWatches { get; }
    public int WatchCount => _directories.Count;
    /// <summary>Some directory is not watched (the cap, the kernel's max_user_watches, or it vanished mid-walk).</summary>
    public bool Incomplete { get; private set; }

    public static UpperDirWatch Open(string upper, int maxWatches = 2048)
    {
        ArgumentException.ThrowIfNullOrEmpty(upper);
        int fd = Interop.Check(() => Interop.Libc.InotifyInit1(Interop.IN_NONBLOCK | Interop.IN_CLOEXEC), "inotify_init1");
        var watch = new UpperDirWatch(upper, new SafeFileHandle(fd, ownsHandle: true), maxWatches);
        try
        {
            watch.AddTree("", changed: null);
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads every event queued since the last call without blocking. Adds the paths that changed (inside the
    /// sandbox, "/root/new") to <paramref name="changed"/>; returns whether anything changed at all.
    /// </summary>
    public bool Drain(ISet<string> changed)
    {
        bool any = false;
        while (ReadOnce() is int length and > 0)
        {
            any = true;
            for (int offset = 0; offset + HeaderSize <= length;)
            {
                var header = _buffer.AsSpan(offset, HeaderSize);
                int wd = BinaryPrimitives.ReadInt32LittleEndian(header);
                uint mask = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
                int nameLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
                string name = Encoding.UTF8.GetString(_buffer.AsSpan(offset + HeaderSize, nameLength)).TrimEnd('\0');
                offset += HeaderSize + nameLength;
                Handle(wd, mask, name, changed);
            }
        }
        return any;
    }

    private void Handle(int wd, uint mask, string name, ISet<string> changed)
    {
        if ((mask & Interop.IN_Q_OVERFLOW) != 0)
        {
            Incomplete = true; // events were lost: the changes list must be read again in full
            return;
        }
        if ((mask & Interop.IN_IGNORED) != 0)
        {
            _directories.Remove(wd); // the directory was removed (or rmdir'd and whited out)
            return;
        }
        if (!_directories.TryGetValue(wd, out string? directory))
            return;
        string relative = name.Length == 0 ? directory : Join(directory, name);
        changed.Add("/" + relative);
        if ((mask & Interop.IN_ISDIR) != 0 && (mask & (Interop.IN_CREATE | Interop.IN_MOVED_TO)) != 0)
            AddTree(relative, changed); // mkdir -p a/b/c: b may exist before a is watched, so a is read too
    }

    /// <summary>Watches <paramref name="relative"/> and, breadth first, every directory under it; reports what is in them.</summary>
    private void AddTree(string relative, ISet<string>? changed)
    {
        var pending = new Queue<string>([relative]);
        while (pending.TryDequeue(out string? directory))
        {
            if (_directories.Count >= MaxWatches)
            {
                Incomplete = true;
                return;
            }
            using var handle = OpenBeneath(directory);
            if (handle is null || !TryWatch(handle, directory))
                continue;
            foreach (var (name, isDirectory) in Entries(handle))
            {
                string child = Join(directory, name);
                changed?.Add("/" + child);
                if (isDirectory)
                    pending.Enqueue(child);
            }
        }
    }

    private bool TryWatch(SafeFileHandle directory, string relative)
    {
        string magic = "/proc/self/fd/" + directory.DangerousGetHandle().ToString(CultureInfo.InvariantCulture);
        int wd = Interop.Libc.InotifyAddWatch((int)_inotify.DangerousGetHandle(), magic, Mask);
        if (wd < 0)
        {
            Incomplete = true; // ENOSPC: fs.inotify.max_user_watches reached
            return false;
        }
        _directories[wd] = relative;
        return true;
    }

    /// <summary>The directory at <paramref name="relative"/> below the upper, or null when a component is missing, not a directory or a symlink.</summary>
    private SafeFileHandle? OpenBeneath(string relative)
    {
        int fd = Interop.Libc.Open(_upper, DirectoryOpenFlags, 0);
        if (fd < 0)
            return null;
        var current = new SafeFileHandle(fd, ownsHandle: true);
        foreach (string component in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            int next = Interop.Libc.Openat(current, component, DirectoryOpenFlags, 0);
            current.Dispose();
            if (next < 0)
            {
                Incomplete = true; // gone again, or replaced by a symlink: not followed
                return null;
            }
            current = new SafeFileHandle(next, ownsHandle: true);
        }
        return current;
    }

    /// <summary>The entries of an open directory, read through its descriptor; a symlink is never a directory here.</summary>
    private static List<(string Name, bool IsDirectory)> Entries(SafeFileHandle directory)
    {
        string path = "/proc/self/fd/" + directory.DangerousGetHandle().ToString(CultureInfo.InvariantCulture);
        var entries = new List<(string, bool)>();
        try
        {
            foreach (var info in new DirectoryInfo(path).EnumerateFileSystemInfos("*", OneLevel))
                entries.Add((info.Name, info.LinkTarget is null && info.Attributes.HasFlag(FileAttributes.Directory)));
        }
        catch (IOException) { }
        return entries;
    }

    private static readonly EnumerationOptions OneLevel = new()
    {
        AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = true, ReturnSpecialDirectories = false,
    };

    private unsafe int ReadOnce()
    {
        fixed (byte* buffer = _buffer)
        {
            long read;
            do read = Interop.Libc.Read((int)_inotify.DangerousGetHandle(), buffer, (nuint)_buffer.Length);
            while (Interop.Answer(read, "read inotify", _upper, Interop.EINTR, Interop.EAGAIN) == Interop.EINTR);
            return (int)Math.Max(read, 0); // EAGAIN: no event queued
        }
    }

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    public void Dispose() => _inotify.Dispose();
}
