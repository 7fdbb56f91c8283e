using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AT_FDCWD = -100;
        internal const uint OPEN_TREE_CLONE = 1;
        internal const uint OPEN_TREE_CLOEXEC = 0x80000; // O_CLOEXEC
        internal const uint AT_RECURSIVE = 0x8000;
        internal const uint AT_EMPTY_PATH = 0x1000;

        /// <summary>open_tree(2): a detached copy of the mount at <paramref name="path"/> as an fd (glibc 2.36 wrapper).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open_tree", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int OpenTree(int dirfd, string path, uint flags);
    }
}
