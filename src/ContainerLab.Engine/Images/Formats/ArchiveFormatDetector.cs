using System.Formats.Tar;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>What the top level of an archive tar says it is, read from entry names only (no data extracted).</summary>
internal readonly record struct ArchiveMarkers(bool HasOciLayout, bool HasDockerManifest)
{
    public static ArchiveMarkers Scan(string archivePath, ImportLimits limits, CancellationToken ct)
    {
        bool ociLayout = false, index = false, dockerManifest = false;
        using var file = File.OpenRead(archivePath);
        using var decompressed = LayerCompression.OpenDecompressed(file, "archive");
        using var measured = new MeasuringReadStream(decompressed, leaveOpen: true);
        try
        {
            using var reader = new TarReader(measured, leaveOpen: true);
            while (reader.GetNextEntry() is TarEntry entry)
            {
                ct.ThrowIfCancellationRequested();
                if (measured.BytesRead > limits.MaxUnpackedBytes)
                    throw new ImageImportException($"archive unpacks to more than {limits.MaxUnpackedBytes} bytes (MaxUnpackedBytes)");
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                    continue;
                string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                ociLayout |= name == "oci-layout";
                index |= name == "index.json";
                dockerManifest |= name == "manifest.json";
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ImageImportException($"archive is not a valid tar: {e.Message}", e);
        }
        return new ArchiveMarkers(ociLayout && index, dockerManifest);
    }
}
