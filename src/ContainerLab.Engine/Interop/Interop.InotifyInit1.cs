using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>inotify_init1(2): a new inotify instance; flags IN_NONBLOCK | IN_CLOEXEC.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "inotify_init1", SetLastError = true)]
        internal static partial int InotifyInit1(int flags);
    }
}
