using ContainerLab.Labs.Format;
using ContainerLab.Web.Sessions;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Catalogue;

/// <summary>
/// The labs this server offers, read from <see cref="WebOptions.LabsDirectory"/> (the bundled ones, possibly read-only)
/// and from labs/ in the data directory (those instructors published from the browser, which replace a bundled lab of
/// the same id). A broken lab never hides the others:
/// it is listed with its problems (for instructors). Read again when the folder changed, so an instructor's edit shows
/// at the next visit of the catalogue without a restart. Each problem is logged once, with file and line, when it is
/// first seen: the log is where an instructor finds them (students see them only with ShowLabProblems).
/// </summary>
public sealed partial class LabLibrary(IOptions<WebOptions> options, IHostEnvironment environment, ILogger<LabLibrary> logger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _logged = new(StringComparer.Ordinal);
    private IReadOnlyList<LabLoadResult> _labs = [];
    private DateTime _readAt = DateTime.MinValue;

    public string Directory => options.Value.LabsDirectory is { Length: > 0 } configured
        ? Path.GetFullPath(configured, environment.ContentRootPath)
        : Path.Combine(AppContext.BaseDirectory, "labs");

    /// <summary>Where labs published from the browser live (LabUploads writes them; the web's user owns it).</summary>
    public string UploadedDirectory => Path.Combine(options.Value.DataPath(environment.ContentRootPath), "labs");

    public IReadOnlyList<LabLoadResult> All
    {
        get
        {
            lock (_lock)
            {
                var changed = new[] { LastChange(Directory), LastChange(UploadedDirectory) }.Max();
                if (changed > _readAt)
                {
                    var uploaded = LabCatalogue.Load(UploadedDirectory);
                    var ids = uploaded.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
                    _labs = [.. LabCatalogue.Load(Directory).Where(l => !ids.Contains(l.Id)).Concat(uploaded).OrderBy(l => l.Id, StringComparer.Ordinal)];
                    _readAt = changed;
                    LogNewProblems();
                }
                return _labs;
            }
        }
    }

    /// <summary>Whether <paramref name="lab"/> (one of <see cref="All"/>) was published from the browser, else it is bundled.</summary>
    public bool IsUploaded(LabLoadResult lab) => lab.Directory.StartsWith(UploadedDirectory + "/", StringComparison.Ordinal);

    /// <summary>Read again at the next look (a publish moved a folder: its write time may not be newer than the last read).</summary>
    public void Invalidate()
    {
        lock (_lock) _readAt = DateTime.MinValue;
    }

    public IEnumerable<Lab> Valid => All.Where(l => l.IsValid).Select(l => l.Lab!);

    public Lab? Find(string? id) => id is null ? null : Valid.FirstOrDefault(l => l.Id == id);

    /// <summary>Whether the catalogue shows broken labs' problems (an instructor's setting, off for students).</summary>
    public bool ShowProblems => options.Value.ShowLabProblems;

    private void LogNewProblems()
    {
        foreach (var broken in _labs.Where(l => !l.IsValid))
        {
            string problems = string.Join("; ", broken.Problems);
            if (_logged.Add($"{broken.Id}\n{problems}"))
                LogBrokenLab(logger, broken.Id, broken.Problems.Count, problems);
        }
    }

    [LoggerMessage(120, LogLevel.Error, "Lab {Lab} cannot be offered ({Count} problem(s)): {Problems}")]
    private static partial void LogBrokenLab(ILogger logger, string lab, int count, string problems);

    /// <summary>The newest write time of any file or folder under the labs folder (a cheap change detector for a few hundred files).</summary>
    private static DateTime LastChange(string directory)
    {
        var root = new DirectoryInfo(directory);
        if (!root.Exists)
            return DateTime.MinValue.AddTicks(1);
        return root.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Select(f => f.LastWriteTimeUtc).Append(root.LastWriteTimeUtc).Max();
    }
}
