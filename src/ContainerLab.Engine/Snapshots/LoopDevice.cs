using System.Globalization;
using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Snapshots;

/// <summary>
/// Loop devices backed by image files of ours: attach one (LOOP_CTL_GET_FREE + LOOP_CONFIGURE), find the ones backed
/// by files under a directory (sysfs names each device's backing file), and detach those. A device is only ever
/// touched when its backing file lies under a directory of ours.
/// </summary>
public static class LoopDevice
{
    private const string SysBlock = "/sys/block";

    /// <summary>
    /// Binds <paramref name="imagePath"/> to a free loop device with autoclear and direct I/O, and returns the open
    /// device. Autoclear makes the kernel detach it when its last user goes: the filesystem mounted on it at unmount,
    /// or this handle if the caller dies before mounting. So a crash cannot leave a bound device without a mount.
    /// </summary>
    public static (SafeFileHandle Device, string Path) Attach(string imagePath)
    {
        using var backing = OpenHandle(imagePath, Interop.O_RDWR | Interop.O_CLOEXEC);
        using var control = OpenHandle("/dev/loop-control", Interop.O_RDWR | Interop.O_CLOEXEC);
        for (int attempt = 0; ; attempt++)
        {
            int number = Interop.Check(() => Interop.Libc.Ioctl((int)control.DangerousGetHandle(), Interop.Libc.LOOP_CTL_GET_FREE, 0),
                "ioctl(LOOP_CTL_GET_FREE)", "/dev/loop-control");
            string name = "loop" + number.ToString(CultureInfo.InvariantCulture);
            string path = "/dev/" + name;
            EnsureDeviceNode(name);
            var device = OpenHandle(path, Interop.O_RDWR | Interop.O_CLOEXEC);
            var config = new Interop.Libc.LoopConfig { Fd = (uint)backing.DangerousGetHandle() };
            config.Info.Flags = Interop.Libc.LO_FLAGS_AUTOCLEAR | Interop.Libc.LO_FLAGS_DIRECT_IO;
            int result = Interop.Libc.Ioctl((int)device.DangerousGetHandle(), Interop.Libc.LOOP_CONFIGURE, ref config);
            if (result == 0)
                return (device, path);
            // EBUSY: another process (any loop user on the host) bound the same free device between our two calls: take
            // the next, up to 32 times. The errno is read before close, which sets its own.
            ReadOnlySpan<int> retryable = attempt < 32 ? [Interop.EBUSY, Interop.EINTR] : [];
            try { Interop.Answer(result, "ioctl(LOOP_CONFIGURE)", $"{path} <- {imagePath}", retryable); }
            finally { device.Dispose(); }
        }
    }

    /// <summary>Loop devices whose backing file lies under <paramref name="directory"/> (deleted files included).</summary>
    public static IReadOnlyList<string> BackedBy(string directory)
    {
        if (!Directory.Exists(SysBlock))
            return [];
        string prefix = directory.TrimEnd('/') + "/";
        var found = new List<string>();
        foreach (string block in Directory.EnumerateDirectories(SysBlock, "loop*"))
        {
            string? backingFile = ReadBackingFile(block);
            if (backingFile is not null && backingFile.StartsWith(prefix, StringComparison.Ordinal))
                found.Add("/dev/" + Path.GetFileName(block));
        }
        return found;
    }

    /// <summary>
    /// Detaches every loop device backed by a file under <paramref name="directory"/>. LOOP_CLR_FD on a device still
    /// in use only marks it autoclear (the kernel detaches it at its last close); ENXIO means it is already unbound.
    /// </summary>
    public static void DetachAllBackedBy(string directory)
    {
        foreach (string path in BackedBy(directory))
        {
            SafeFileHandle device;
            try { device = OpenHandle(path, Interop.O_RDONLY | Interop.O_CLOEXEC); }
            catch (KernelCallException e) when (e.Errno is Interop.ENOENT or Interop.Libc.ENXIO) { continue; }
            using (device)
            {
                Interop.Answer(Interop.Libc.Ioctl((int)device.DangerousGetHandle(), Interop.Libc.LOOP_CLR_FD, 0), "ioctl(LOOP_CLR_FD)", path,
                    Interop.Libc.ENXIO);
            }
        }
    }

    /// <summary>
    /// LOOP_CTL_GET_FREE may add a device; devtmpfs shows its node at once, but a container's /dev (a tmpfs filled
    /// when the container started, e.g. the daemon in a privileged Docker container) does not: make the node from the
    /// device number sysfs gives ("7:N").
    /// </summary>
    private static void EnsureDeviceNode(string name)
    {
        if (File.Exists("/dev/" + name))
            return;
        string[] numbers = File.ReadAllText(Path.Combine(SysBlock, name, "dev")).Trim().Split(':');
        ulong major = ulong.Parse(numbers[0], CultureInfo.InvariantCulture), minor = ulong.Parse(numbers[1], CultureInfo.InvariantCulture);
        ulong device = Interop.Makedev(major, minor);
        using var dev = new SafeFileHandle(Interop.Check(() => Interop.Libc.Open("/dev", Interop.O_RDONLY | Interop.O_DIRECTORY | Interop.O_CLOEXEC),
            "open", "/dev"), ownsHandle: true);
        // EEXIST: made by someone else meanwhile.
        Interop.Answer(Interop.Libc.Mknodat(dev, name, Interop.S_IFBLK | 0x1B0 /* 0660 */, device), "mknodat", "/dev/" + name, Interop.EEXIST);
    }

    /// <summary>sysfs: /sys/block/loopN/loop/backing_file exists while the device is bound; " (deleted)" follows a removed file.</summary>
    private static string? ReadBackingFile(string block)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(block, "loop", "backing_file")).TrimEnd('\n');
            return text.EndsWith(" (deleted)", StringComparison.Ordinal) ? text[..^" (deleted)".Length] : text;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null; // not bound, or unbound meanwhile
        }
    }

    private static SafeFileHandle OpenHandle(string path, int flags) =>
        new(Interop.Check(() => Interop.Libc.Open(path, flags), "open", path), ownsHandle: true);
}
