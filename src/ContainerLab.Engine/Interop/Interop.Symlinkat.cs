using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>symlinkat(2): creates <paramref name="linkpath"/> (relative to <paramref name="newdirfd"/>) pointing at <paramref name="target"/>.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int Symlinkat(string target, SafeFileHandle newdirfd, string linkpath);
    }
}
