using System.Buffers;
using System.Text;

namespace ContainerLab.Engine.Host;

/// <summary>
/// Small files the kernel makes up on each read (/proc, /sys/fs/cgroup), read with open, read and close only.
/// File.ReadAllText costs seven system calls per file here (openat, fstat, flock, two preads, flock, close):
/// FileStream emulates FileShare with flock, which kernel files do not need. The change stream reads some twenty
/// such files per sandbox four times a second, so the difference is most of a tick's system calls.
/// </summary>
internal static class KernelFile
{
    private const int FirstBuffer = 4096;

    /// <summary>
    /// The file's text, or null when it is not there: ENOENT or ENOTDIR once a cgroup is removed or a process is
    /// reaped, ENODEV when a cgroup is removed between open and read, ESRCH when a read races with the exit of the process behind a /proc file.
    /// </summary>
    public static unsafe string? ReadOrNull(string path)
    {
        int fd;
        while (true)
        {
            fd = Interop.Libc.Open(path, Interop.O_RDONLY | Interop.O_CLOEXEC);
            int errno = Interop.Answer(fd, "open", path, Interop.EINTR, Interop.ENOENT, Interop.ENOTDIR, Interop.ESRCH, Interop.ENODEV);
            if (errno == 0)
                break;
            if (errno != Interop.EINTR)
                return null;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(FirstBuffer);
        try
        {
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    // seq_file hands out a page or so per read: a bigger file just takes more reads.
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                nint read;
                fixed (byte* start = buffer)
                    read = Interop.Libc.Read(fd, start + length, (nuint)(buffer.Length - length));
                int errno = Interop.Answer(read, "read", path, Interop.EINTR, Interop.ESRCH, Interop.ENODEV);
                if (errno is Interop.ESRCH or Interop.ENODEV)
                    return null;
                if (errno == Interop.EINTR)
                    continue;
                if (read == 0)
                    return Encoding.UTF8.GetString(buffer, 0, length);
                length += (int)read;
            }
        }
        finally
        {
            Interop.Libc.Close(fd);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
