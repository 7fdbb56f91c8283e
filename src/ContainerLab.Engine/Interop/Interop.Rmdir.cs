using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // Directory.Delete maps errno to IOException and loses EBUSY vs ENOENT, which cgroup removal needs.
        [LibraryImport(Libraries.Libc, EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Rmdir(string path);
    }
}
