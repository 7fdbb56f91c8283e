using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>ioctl with an integer argument (or none), e.g. LOOP_CTL_GET_FREE, LOOP_CLR_FD.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, nint argument);

        /// <summary>LOOP_CONFIGURE (Interop.LoopConstants.cs).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "ioctl", SetLastError = true)]
        internal static partial int Ioctl(int fd, nuint request, ref LoopConfig config);
    }
}
