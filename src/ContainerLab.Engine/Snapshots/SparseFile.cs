using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Snapshots;

/// <summary>
/// Copies a sparse file's data ranges only (found with lseek SEEK_DATA / SEEK_HOLE), leaving its holes as holes.
/// A plain copy (or copy_file_range without reflink support) would write every zero of a 256 MiB image.
/// </summary>
public static class SparseFile
{
    public static void Copy(string source, string destination)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read);
        using var output = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write);
        long length = RandomAccess.GetLength(input);
        byte[] buffer = new byte[256 * 1024];
        long offset = 0;
        while (offset < length)
        {
            long data = Seek(input, offset, Interop.Libc.SEEK_DATA, source);
            if (data < 0)
                break; // only a hole is left
            long hole = Seek(input, data, Interop.Libc.SEEK_HOLE, source);
            for (long position = data; position < hole;)
            {
                int read = RandomAccess.Read(input, buffer.AsSpan(0, (int)Math.Min(buffer.Length, hole - position)), position);
                if (read == 0)
                    break;
                RandomAccess.Write(output, buffer.AsSpan(0, read), position);
                position += read;
            }
            offset = hole;
        }
        RandomAccess.SetLength(output, length);
    }

    /// <summary>lseek; -1 for ENXIO (no data at or after <paramref name="offset"/>).</summary>
    private static long Seek(SafeFileHandle file, long offset, int whence, string path)
    {
        long result;
        do result = Interop.Libc.Lseek(file, offset, whence);
        while (Interop.Answer(result, "lseek", path, Interop.EINTR, Interop.Libc.ENXIO) == Interop.EINTR);
        return result < 0 ? -1 : result;
    }
}
