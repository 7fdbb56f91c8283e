using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal const long SYS_openat2 = 437; // the same number on x86_64 and arm64 (asm-generic)
    internal const int O_PATH = 0x200000;
    internal const ulong RESOLVE_NO_MAGICLINKS = 0x02;
    internal const ulong RESOLVE_IN_ROOT = 0x10;

    /// <summary>struct open_how (include/uapi/linux/openat2.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    internal static partial class Libc
    {
        /// <summary>openat2(2) through syscall(2) (glibc 2.36 has no wrapper); RESOLVE_IN_ROOT resolves as if <paramref name="dirfd"/> were /.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial long Openat2(long number, int dirfd, string path, ref OpenHow how, nuint size);
    }
}
