using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal const int ENODATA = 61;
    internal const int EOPNOTSUPP = 95;
    internal const int ERANGE = 34;

    internal static partial class Libc
    {
        /// <summary>lgetxattr(2): reads an extended attribute of the link itself, never of its target.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint Lgetxattr(string path, string name, byte* value, nuint size);
    }
}
