using ContainerLab.Labs.Format;
using ContainerLab.Web.Sessions;
using Microsoft.Extensions.Options;

namespace ContainerLab.Web.Labs;

/// <summary>
/// The labs this server offers, read from <see cref="WebOptions.LabsDirectory"/>. A broken lab never hides the others:
/// it is listed with its problems (for instructors). Read again when the folder changed, so an instructor's edit shows
/// at the next visit of the catalogue without a restart.
/// </summary>
public sealed class LabLibrary(IOptions<WebOptions> options, IHostEnvironment environment)
{
    private readonly Lock _lock = new();
    private IReadOnlyList<LabLoadResult> _labs = [];
    private DateTime _readAt = DateTime.MinValue;

    public string Directory => options.Value.LabsDirectory is { Length: > 0 } configured
        ? Path.GetFullPath(configured, environment.ContentRootPath)
        : Path.Combine(AppContext.BaseDirectory, "labs");

    public IReadOnlyList<LabLoadResult> All
    {
        get
        {
            lock (_lock)
            {
                var changed = LastChange();
                if (changed > _readAt)
                {
                    _labs = LabCatalogue.Load(Directory);
                    _readAt = changed;
                }
                return _labs;
            }
        }
    }

    public IEnumerable<Lab> Valid => All.Where(l => l.IsValid).Select(l => l.Lab!);

    public Lab? Find(string? id) => id is null ? null : Valid.FirstOrDefault(l => l.Id == id);

    /// <summary>The newest write time of any file or folder under the labs folder (a cheap change detector for a few hundred files).</summary>
    private DateTime LastChange()
    {
        var root = new DirectoryInfo(Directory);
        if (!root.Exists)
            return DateTime.MinValue.AddTicks(1);
        return root.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Select(f => f.LastWriteTimeUtc).Append(root.LastWriteTimeUtc).Max();
    }
}
