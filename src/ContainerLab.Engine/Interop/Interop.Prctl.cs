using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int PR_SET_CHILD_SUBREAPER = 36;

        [LibraryImport(Libraries.Libc, EntryPoint = "prctl", SetLastError = true)]
        internal static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
    }
}
