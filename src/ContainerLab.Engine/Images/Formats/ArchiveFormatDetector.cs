using System.Formats.Tar;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>What the top level of an archive tar says it is, read from entry names only (no data extracted).</summary>
internal readonly record struct ArchiveMarkers(bool HasOciLayout, bool HasDockerManifest)
{
    public static ArchiveMarkers Scan(string archivePath, ImportLimits limits, CancellationToken ct)
    {
        bool ociLayout = false, index = false, dockerManifest = false;
        BoundedArchiveReader.ForEachEntry(archivePath, limits, ct, (entry, _) =>
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                return;
            string name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            ociLayout |= name == "oci-layout";
            index |= name == "index.json";
            dockerManifest |= name == "manifest.json";
        });
        return new ArchiveMarkers(ociLayout && index, dockerManifest);
    }
}
