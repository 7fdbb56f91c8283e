using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>struct statfs of glibc on 64-bit Linux (x86_64 and aarch64): 15 words, f_type first.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct StatFs
        {
            internal long Type;
            internal long BlockSize;
            internal ulong Blocks;
            internal ulong BlocksFree;
            internal ulong BlocksAvailable;
            internal ulong Files;
            internal ulong FilesFree;
            internal long FsId;
            internal long NameLength;
            internal long FragmentSize;
            internal long Flags;
            internal fixed long Spare[4];
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "statfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Statfs(string path, out StatFs buffer);
    }

    /// <summary>f_type of the file system mounted at <paramref name="path"/> (e.g. CGROUP2_SUPER_MAGIC).</summary>
    internal static long FileSystemMagic(string path)
    {
        Libc.StatFs buffer = default;
        Check(() => Libc.Statfs(path, out buffer), "statfs", path);
        return buffer.Type;
    }
}
