internal static partial class Interop
{
    // Flags and errno values for the *at() family used by the layer unpacker (asm-generic, x86_64 and arm64).
    internal const int O_RDONLY = 0x0;
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_TRUNC = 0x200;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_DIRECTORY = 0x10000;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int O_CLOEXEC = 0x80000;

    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const int AT_REMOVEDIR = 0x200;

    internal const uint S_IFCHR = 0x2000;
    internal const uint S_IFIFO = 0x1000;
    internal const uint S_IFBLK = 0x6000;

    internal const int ENODEV = 19;
    internal const int ENOTDIR = 20;
    internal const int EISDIR = 21;
    internal const int ELOOP = 40;
}
