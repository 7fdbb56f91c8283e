namespace ContainerLab.Labs.Format;

/// <summary>An image some labs' nodes run, as name:tag (the tag defaults to latest, as the daemon's store reads it), and the labs naming it.</summary>
public sealed record LabImage(string Reference, IReadOnlyList<string> Labs);

/// <summary>
/// Which images a set of labs needs, read from their manifests by <see cref="LabLoader"/> itself, so what
/// `clabctl labs images` (and scripts/run.sh through it) prepares is what the web will ask the daemon for.
/// </summary>
public static class LabImages
{
    public const string DefaultTag = "latest";

    /// <summary>One row per image, in reference order; each lab listed once, in the order given. Broken labs are skipped (they are never started).</summary>
    public static IReadOnlyList<LabImage> Needed(IEnumerable<LabLoadResult> labs) =>
        [.. labs.Where(l => l.Lab is not null)
            .SelectMany(l => l.Lab!.Nodes.Select(n => (Reference: Normalize(n.NeededImage), l.Id)))
            .GroupBy(x => x.Reference, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new LabImage(g.Key, [.. g.Select(x => x.Id).Distinct(StringComparer.Ordinal)]))];

    /// <summary>"debian" -> "debian:latest"; "labs/debian:12" unchanged. A colon before the last '/' is a registry port, not a tag.</summary>
    public static string Normalize(string image)
    {
        int colon = image.LastIndexOf(':');
        return colon >= 0 && image.IndexOf('/', colon) < 0 ? image : $"{image}:{DefaultTag}";
    }
}
