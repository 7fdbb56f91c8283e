using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Runtime;

/// <summary>
/// Whether a sandbox's command names an executable file of its root filesystem, found the way execvp finds it (a name
/// with a slash as is, else along PATH), every path resolved with openat2(RESOLVE_IN_ROOT) so the image's symlinks
/// (absolute ones too) resolve inside the rootfs, never on the host. With an init as pid 1 the runtime starts the init
/// whatever the command is, so a missing command is caught here, before anything starts, as a clear 400.
/// </summary>
public static class CommandLookup
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static bool Exists(string rootfs, string command, string? path)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootfs);
        if (string.IsNullOrEmpty(command) || command.Contains('\0'))
            return false;
        int root = Interop.Libc.Open(rootfs, Interop.O_RDONLY | Interop.O_DIRECTORY | Interop.O_CLOEXEC, 0);
        if (root < 0)
            return false;
        using var rootHandle = new SafeFileHandle(root, ownsHandle: true);
        if (command.Contains('/'))
            return IsExecutable(root, command);
        foreach (string directory in (path ?? DefaultPath).Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (IsExecutable(root, directory.TrimEnd('/') + "/" + command))
                return true;
        return false;
    }

    private static bool IsExecutable(int root, string path)
    {
        var how = new Interop.OpenHow { Flags = (ulong)(Interop.O_PATH | Interop.O_CLOEXEC), Resolve = Interop.RESOLVE_IN_ROOT | Interop.RESOLVE_NO_MAGICLINKS };
        long fd = Interop.Libc.Openat2(Interop.SYS_openat2, root, path, ref how, (nuint)Marshal.SizeOf<Interop.OpenHow>());
        if (fd < 0)
            return false;
        using var file = new SafeFileHandle((nint)fd, ownsHandle: true);
        if (Interop.Libc.Statx(file, "", (int)Interop.Libc.AT_EMPTY_PATH, Interop.STATX_BASIC_STATS, out var stat) != 0)
            return false;
        return (stat.Mode & Interop.S_IFMT) == Interop.S_IFREG && (stat.Mode & 0x49) != 0; // any of u+x, g+x, o+x
    }
}
