using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int P_PID = 1;
        internal const int P_PIDFD = 3;
        internal const int WEXITED = 4;
        internal const int WNOHANG = 1;
        internal const int CLD_EXITED = 1;
        internal const int CLD_KILLED = 2;
        internal const int CLD_DUMPED = 3;

        /// <summary>The part of siginfo_t that waitid fills (x86_64 / aarch64 layout; 128 bytes in all).</summary>
        [StructLayout(LayoutKind.Explicit, Size = 128)]
        internal struct SigInfo
        {
            [FieldOffset(0)] internal int Signo;
            [FieldOffset(8)] internal int Code;
            [FieldOffset(16)] internal int Pid;
            [FieldOffset(20)] internal uint Uid;
            [FieldOffset(24)] internal int Status;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "waitid", SetLastError = true)]
        internal static partial int Waitid(int idType, int id, out SigInfo info, int options);
    }
}
