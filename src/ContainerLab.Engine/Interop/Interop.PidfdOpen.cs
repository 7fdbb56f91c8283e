using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>pidfd_open(2): an fd that refers to a process and becomes readable when it exits (glibc 2.36).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "pidfd_open", SetLastError = true)]
        internal static partial int PidfdOpen(int pid, uint flags);
    }
}
