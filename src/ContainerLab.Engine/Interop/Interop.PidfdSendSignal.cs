using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SIGKILL = 9;
        internal const int SIGTERM = 15;

        /// <summary>pidfd_send_signal(2): signal a process by pidfd, immune to pid reuse (glibc 2.36).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "pidfd_send_signal", SetLastError = true)]
        internal static partial int PidfdSendSignal(int pidfd, int signal, nint info, uint flags);
    }
}
