using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int EPOLL_CTL_ADD = 1;
        internal const int EPOLL_CTL_DEL = 2;
        internal const int EPOLL_CTL_MOD = 3;
        internal const uint EPOLLIN = 0x1;
        internal const uint EPOLLOUT = 0x4;
        internal const uint EPOLLERR = 0x8;
        internal const uint EPOLLHUP = 0x10;
        internal const uint EPOLLONESHOT = 1u << 30;

        /// <summary>struct epoll_event: packed on x86_64 (12 bytes), naturally aligned elsewhere.</summary>
        [StructLayout(LayoutKind.Sequential, Pack = 4)]
        internal struct EpollEvent
        {
            internal uint Events;
            internal ulong Data;
        }

        [LibraryImport(Libraries.Libc, EntryPoint = "epoll_ctl", SetLastError = true)]
        internal static partial int EpollCtl(int epfd, int op, int fd, ref EpollEvent ev);
    }
}
