using System.Formats.Tar;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images.Unpacking;

namespace ContainerLab.Engine.Images.Formats;

/// <summary>
/// The regular files of an archive tar, extracted to numbered files in staging (never to their own names, so
/// the archive's paths cannot place anything anywhere). Symlinks and hard links inside the archive (old docker
/// save links duplicate layers as `id/layer.tar -> ../other/layer.tar`) are kept as aliases and resolved here.
/// </summary>
internal sealed class StagedTarFiles : ArchiveFiles
{
    private const int MaxAliasHops = 16;
    private const int MaxArchivePathLength = 4096;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    private StagedTarFiles() { }

    public override bool OwnsFiles => true;

    public static StagedTarFiles Extract(string archivePath, string stagingDirectory, ImportLimits limits, CancellationToken ct)
    {
        var staged = new StagedTarFiles();
        Directory.CreateDirectory(stagingDirectory);
        BoundedArchiveReader.ForEachEntry(archivePath, limits, ct, (entry, number) => staged.Add(entry, stagingDirectory, number));
        return staged;
    }

    public override string? Find(string path)
    {
        for (int hop = 0; hop < MaxAliasHops; hop++)
        {
            if (_files.TryGetValue(path, out string? host))
                return host;
            if (!_aliases.TryGetValue(path, out string? next))
                return null;
            path = next;
        }
        return null;
    }

    private void Add(TarEntry entry, string stagingDirectory, long number)
    {
        string path = Normalize(entry.Name, entry.Name);
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                string host = Path.Combine(stagingDirectory, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                entry.ExtractToFile(host, overwrite: false);
                _files[path] = host;
                _aliases.Remove(path);
                break;
            case TarEntryType.SymbolicLink:
                string directory = path.Contains('/') ? path[..path.LastIndexOf('/')] : "";
                string target = entry.LinkName.StartsWith('/') ? entry.LinkName : $"{directory}/{entry.LinkName}";
                _aliases[path] = Normalize(entry.Name, target);
                _files.Remove(path);
                break;
            case TarEntryType.HardLink:
                _aliases[path] = Normalize(entry.Name, entry.LinkName);
                _files.Remove(path);
                break;
            // Directories, PAX globals and the rest carry nothing an image reader needs.
        }
    }

    /// <summary>
    /// Lexical normalization inside the archive; ".." above the archive root or an absolute path is hostile.
    /// Archive paths are capped at PATH_MAX: MaxPathLength is about layer contents, which may be set lower.
    /// </summary>
    internal static string Normalize(string entryName, string path)
    {
        if (path.Length > MaxArchivePathLength)
            throw new ImageImportException($"archive entry '{entryName[..Math.Min(entryName.Length, 120)]}' has a path longer than {MaxArchivePathLength} bytes");
        if (path.StartsWith('/'))
            throw new ImageImportException($"archive entry '{entryName}' is an absolute path");
        var stack = new List<string>();
        foreach (string component in path.Split('/'))
        {
            if (component is "" or ".")
                continue;
            if (component != "..")
                stack.Add(component);
            else if (stack.Count == 0)
                throw new ImageImportException($"archive entry '{entryName}' escapes the archive root");
            else
                stack.RemoveAt(stack.Count - 1);
        }
        return string.Join('/', stack);
    }
}
