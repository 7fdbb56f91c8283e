using ContainerLab.Engine.Images.Unpacking;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Tests.Inspection;

/// <summary>A fake overlay in a temp directory: an upper and lowers written the way overlayfs and the unpacker write them.</summary>
internal static class FilesystemTestLayers
{
    public static void File(string root, string relative, string content = "x")
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
    }

    public static void Dir(string root, string relative) => Directory.CreateDirectory(Path.Combine(root, relative));

    /// <summary>A whiteout: character device 0/0 (needs CAP_MKNOD).</summary>
    public static void Whiteout(string root, string relative)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var parent = OpenDirectory(Path.GetDirectoryName(path)!);
        Interop.Check(() => Interop.Libc.Mknodat(parent, Path.GetFileName(path), Interop.S_IFCHR, 0), "mknodat", path);
    }

    /// <summary>An opaque directory: trusted.overlay.opaque = "y" (trusted.* needs CAP_SYS_ADMIN).</summary>
    public static void Opaque(string root, string relative)
    {
        string path = Path.Combine(root, relative);
        Directory.CreateDirectory(path);
        using var directory = OpenDirectory(path);
        WhiteoutConverter.MarkOpaque(directory, relative);
    }

    private static SafeFileHandle OpenDirectory(string path)
    {
        int fd = Interop.Check(() => Interop.Libc.Open(path, Interop.O_RDONLY | Interop.O_DIRECTORY | Interop.O_CLOEXEC), "open", path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }
}
