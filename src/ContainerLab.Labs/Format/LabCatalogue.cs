namespace ContainerLab.Labs.Format;

/// <summary>
/// Every lab under a labs root, each loaded on its own: a broken lab is listed with its problems and never stops
/// the others from loading.
/// </summary>
public static class LabCatalogue
{
    /// <summary>The folders of <paramref name="root"/> (not hidden ones), in name order.</summary>
    public static IReadOnlyList<LabLoadResult> Load(string root)
    {
        if (!Directory.Exists(root))
            return [];
        return [.. new DirectoryInfo(root).EnumerateDirectories()
            .Where(d => !d.Name.StartsWith('.') && d.LinkTarget is null)
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => LabLoader.Load(d.FullName))];
    }

    /// <summary>
    /// <paramref name="path"/> as the CLI takes it: a lab folder (it has a lab.yaml) or a folder of labs.
    /// </summary>
    public static IReadOnlyList<LabLoadResult> LoadPath(string path) =>
        File.Exists(Path.Combine(path, Lab.ManifestName)) ? [LabLoader.Load(path)] : Load(path);
}
