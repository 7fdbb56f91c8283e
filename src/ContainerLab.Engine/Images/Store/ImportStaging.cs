using System.Globalization;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Images.Store;

/// <summary>
/// A private directory under tmp/ holding everything one import produces until the commit renames it into the
/// store. Disposing it deletes whatever is left, which is everything when the import failed: a refused import
/// leaves the store as it was. The name carries the pid, so a later store can clear what a crashed one left.
/// </summary>
internal sealed class ImportStaging : IDisposable
{
    private const string Prefix = "import-";

    private ImportStaging(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
    }

    public string Root { get; }
    public string ArchivePath => Path.Combine(Root, "archive");
    public string FilesDirectory => Path.Combine(Root, "files");
    public string BlobsDirectory => Path.Combine(Root, "blobs");
    public string LayersDirectory => Path.Combine(Root, "layers");
    public string ImageFile => Path.Combine(Root, "image.json");

    public static ImportStaging Create(StoreLayout layout) =>
        new(Path.Combine(layout.TempDirectory, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));

    /// <summary>Copies the incoming archive to staging, refusing it as soon as it passes the size limit. Returns its digest.</summary>
    public async Task<string> SaveArchiveAsync(Stream archive, long maxBytes, CancellationToken ct)
    {
        using var measured = new MeasuringReadStream(archive, leaveOpen: true);
        await using var file = new FileStream(ArchivePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        byte[] buffer = new byte[128 * 1024];
        int n;
        while ((n = await measured.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (measured.BytesRead > maxBytes)
                throw new ImageImportException($"archive is larger than the {maxBytes}-byte limit (MaxArchiveBytes)");
            await file.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
        }
        return measured.Digest;
    }

    /// <summary>Deletes staging and deletion directories whose process is gone (a crash or kill mid-import).</summary>
    public static void RemoveAbandoned(StoreLayout layout)
    {
        foreach (string directory in Directory.EnumerateDirectories(layout.TempDirectory))
        {
            string name = Path.GetFileName(directory);
            string[] parts = name.Split('-');
            if (parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                DeleteTree(directory);
        }
    }

    public static void DeleteTree(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public void Dispose() => DeleteTree(Root);
}
