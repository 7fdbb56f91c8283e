using System.Runtime.InteropServices;
using System.Text;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Libraries.Libc, EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint Readlink(string path, byte* buffer, nuint size);
    }

    /// <summary>
    /// readlink(2). .NET's File.ResolveLinkTarget gives an empty target for /proc/PID/ns/* links
    /// ("user:[4026531837]" is not a path), so namespace identities are read here.
    /// </summary>
    internal static unsafe string? ReadLink(string path)
    {
        byte* buffer = stackalloc byte[256];
        nint length = Libc.Readlink(path, buffer, 256);
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, (int)length);
    }
}
