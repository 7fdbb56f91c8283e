using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>inotify_add_watch(2): watches <paramref name="path"/>; returns the watch descriptor.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int InotifyAddWatch(int fd, string path, uint mask);
    }
}
