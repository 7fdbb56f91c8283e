using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The next offset at or after the given one that holds data (ENXIO past the last data).</summary>
        internal const int SEEK_DATA = 3;
        /// <summary>The next offset at or after the given one that is a hole (the end of the file counts as one).</summary>
        internal const int SEEK_HOLE = 4;

        [LibraryImport(Libraries.Libc, EntryPoint = "lseek", SetLastError = true)]
        internal static partial long Lseek(SafeHandle fd, long offset, int whence);
    }
}
