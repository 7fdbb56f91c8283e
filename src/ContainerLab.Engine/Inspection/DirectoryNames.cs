using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Inspection;

/// <summary>The names in a directory that is already open, read with getdents64 (no path is resolved again).</summary>
internal static class DirectoryNames
{
    private const int BufferBytes = 32 * 1024;

    /// <summary>
    /// At most <paramref name="max"/> names (never "." or ".."), in the order the filesystem returns them, and whether
    /// there are more. Reading stops there, so a directory with a million entries costs no more than one with <paramref name="max"/>.
    /// </summary>
    public static unsafe (List<string> Names, bool More) Read(SafeFileHandle directory, int max, string pathForErrors)
    {
        var names = new List<string>();
        byte[] buffer = new byte[BufferBytes];
        while (true)
        {
            nint read;
            fixed (byte* start = buffer)
            {
                do read = Interop.Libc.Getdents64(directory, start, BufferBytes);
                while (Interop.Retry(read, "getdents64", pathForErrors));
            }
            if (read == 0)
                return (names, false);
            for (int offset = 0; offset < read;)
            {
                var record = buffer.AsSpan(offset, (int)read - offset);
                ushort length = MemoryMarshal.Read<ushort>(record[Interop.Dirent64ReclenOffset..]);
                var nameBytes = record[Interop.Dirent64NameOffset..length];
                string name = Encoding.UTF8.GetString(nameBytes[..nameBytes.IndexOf((byte)0)]);
                offset += length;
                if (name is "." or "..")
                    continue;
                if (names.Count == max)
                    return (names, true);
                names.Add(name);
            }
        }
    }
}
