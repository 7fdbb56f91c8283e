using System.Formats.Tar;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// Walks the entries of an outer archive tar (gzip or not) within the import limits: a compressed archive is bounded
/// by MaxUnpackedBytes once inflated, like a layer (gzip bombs), and by MaxEntries; a broken tar is an import error.
/// </summary>
internal static class BoundedArchiveReader
{
    public static void ForEachEntry(string archivePath, ImportLimits limits, CancellationToken ct, Action<TarEntry, long> visit)
    {
        using var file = File.OpenRead(archivePath);
        using var decompressed = LayerCompression.OpenDecompressed(file, "archive");
        using var measured = new MeasuringReadStream(decompressed, leaveOpen: true);
        long entries = 0;
        try
        {
            using var reader = new TarReader(measured, leaveOpen: true);
            while (reader.GetNextEntry() is TarEntry entry)
            {
                ct.ThrowIfCancellationRequested();
                if (measured.BytesRead > limits.MaxUnpackedBytes)
                    throw new ImageImportException($"archive unpacks to more than {limits.MaxUnpackedBytes} bytes (MaxUnpackedBytes)");
                if (++entries > limits.MaxEntries)
                    throw new ImageImportException($"archive has more than {limits.MaxEntries} entries (MaxEntries)");
                visit(entry, entries);
            }
        }
        catch (Exception e) when (TarStreamErrors.IsMalformed(e))
        {
            throw new ImageImportException($"archive {TarStreamErrors.Describe(e)}", e);
        }
    }
}
