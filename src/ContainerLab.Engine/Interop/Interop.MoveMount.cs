using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const uint MOVE_MOUNT_F_EMPTY_PATH = 0x4;

        [LibraryImport(Libraries.Libc, EntryPoint = "move_mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int MoveMount(int fromDirfd, string fromPath, int toDirfd, string toPath, uint flags);
    }
}
