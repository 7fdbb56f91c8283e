using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int SOL_SOCKET = 1;
        internal const int SCM_RIGHTS = 1;
        internal const int MSG_CMSG_CLOEXEC = 0x40000000;

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct IoVec
        {
            internal byte* Base;
            internal nuint Length;
        }

        /// <summary>struct msghdr (x86_64 / aarch64 layout).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct MsgHdr
        {
            internal void* Name;
            internal uint NameLength;
            internal IoVec* Iov;
            internal nuint IovLength;
            internal void* Control;
            internal nuint ControlLength;
            internal int Flags;
        }

        /// <summary>struct cmsghdr header; the payload follows, aligned to sizeof(size_t).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct CmsgHdr
        {
            internal nuint Length;
            internal int Level;
            internal int Type;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "recvmsg", SetLastError = true)]
        internal static unsafe partial nint RecvMsg(int socket, MsgHdr* message, int flags);
    }
}
