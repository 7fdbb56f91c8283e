using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal const int SIGKILL = 9;

    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "kill", SetLastError = true)]
        internal static partial int Kill(int pid, int signal);
    }
}
