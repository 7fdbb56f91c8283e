using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const ulong MS_RDONLY = 1;
        internal const ulong MS_NOSUID = 2;
        internal const ulong MS_NODEV = 4;
        internal const ulong MS_BIND = 4096;
        internal const ulong MS_PRIVATE = 1 << 18;

        [LibraryImport(Libraries.Libc, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Mount(string source, string target, string? fstype, ulong flags, string? data);
    }
}
