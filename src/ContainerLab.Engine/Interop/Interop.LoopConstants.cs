using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // include/uapi/linux/loop.h
        internal const nuint LOOP_CLR_FD = 0x4C01;
        internal const nuint LOOP_CONFIGURE = 0x4C0A;
        internal const nuint LOOP_CTL_GET_FREE = 0x4C82;

        /// <summary>Detach the device when its last user closes it (the mount on top, or our fd if never mounted).</summary>
        internal const uint LO_FLAGS_AUTOCLEAR = 4;
        /// <summary>Read and write the backing file with O_DIRECT: no second copy of every block in the host's page cache.</summary>
        internal const uint LO_FLAGS_DIRECT_IO = 16;

        internal const int ENXIO = 6;

        /// <summary>struct loop_info64 (232 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct LoopInfo64
        {
            internal ulong Device;
            internal ulong Inode;
            internal ulong RDevice;
            internal ulong Offset;
            internal ulong SizeLimit;
            internal uint Number;
            internal uint EncryptType;
            internal uint EncryptKeySize;
            internal uint Flags;
            internal fixed byte FileName[64];
            internal fixed byte CryptName[64];
            internal fixed byte EncryptKey[32];
            internal fixed ulong Init[2];
        }

        /// <summary>struct loop_config for LOOP_CONFIGURE (Linux 5.8): backing fd and flags in one call.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct LoopConfig
        {
            internal uint Fd;
            internal uint BlockSize;
            internal LoopInfo64 Info;
            internal fixed ulong Reserved[8];
        }
    }
}
