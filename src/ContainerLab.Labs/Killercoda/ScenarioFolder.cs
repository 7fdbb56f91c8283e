using System.Text;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// A Killercoda scenario folder treated as untrusted input (scenarios come from other people's repositories): walked
/// once, refused whole if it holds a symlink anywhere or too many entries; the files index.json names are reached only
/// by relative paths without "..", and read once, bounded.
/// </summary>
internal sealed class ScenarioFolder
{
    public const int MaxEntries = 2000;
    public const long MaxIndexBytes = 256 * 1024;
    /// <summary>Markdown and assets: what a lab may hold (<see cref="LabFiles.MaxFileBytes"/>).</summary>
    public const long MaxFileBytes = LabFiles.MaxFileBytes;
    /// <summary>A scenario's script becomes a lab's script: the lab's limit (<see cref="LabLoader.MaxScriptBytes"/>).</summary>
    public const long MaxScriptBytes = LabLoader.MaxScriptBytes;

    private readonly List<LabProblem> _problems;

    private ScenarioFolder(string root, List<LabProblem> problems)
    {
        Root = root;
        _problems = problems;
    }

    public string Root { get; }

    /// <summary>Every file read so far, by relative path.</summary>
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The folder, or null (with the problem) when it is missing or holds what no scenario needs: symlinks, too many entries.</summary>
    public static ScenarioFolder? Open(string path, List<LabProblem> problems)
    {
        string root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            problems.Add(new LabProblem(path, 0, "no such folder: give the folder that holds the scenario's index.json"));
            return null;
        }
        int before = problems.Count, entries = 0;
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
            {
                if (++entries > MaxEntries)
                {
                    problems.Add(new LabProblem(".", 0, $"more than {MaxEntries} files and folders: give the folder of one scenario, not a whole repository"));
                    return null;
                }
                string relative = Path.GetRelativePath(root, entry.FullName);
                if (entry.LinkTarget is { } target)
                    problems.Add(new LabProblem(relative, 0, $"is a symlink (to {target}); a scenario to import holds plain files and folders only"));
                else if (entry is DirectoryInfo child)
                    pending.Push(child);
            }
        }
        return problems.Count == before ? new ScenarioFolder(root, problems) : null;
    }

    /// <summary>
    /// <paramref name="relative"/> as index.json wrote it, checked: relative, no "..", no backslash or control
    /// characters, an existing regular file. A leading "./" is allowed and dropped. Null (with the problem) if not.
    /// </summary>
    public string? Resolve(string relative, string what, int line)
    {
        string path = relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative;
        if (!IsRelativeInside(path))
        {
            Problem(KillercodaReader.IndexName, line, $"{what} '{relative}' must be a path inside the scenario folder (relative, without '..')");
            return null;
        }
        string full = Path.Combine(Root, path);
        if (Directory.Exists(full))
        {
            Problem(KillercodaReader.IndexName, line, $"{what} '{relative}' is a folder, not a file");
            return null;
        }
        if (!File.Exists(full))
        {
            Problem(KillercodaReader.IndexName, line, $"{what} '{relative}' does not exist in the scenario folder");
            return null;
        }
        return path;
    }

    /// <summary>Whether <paramref name="path"/> is relative and stays inside: no "..", ".", empty parts, backslash or control characters.</summary>
    public static bool IsRelativeInside(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\') && !path.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029')
        && path.Split('/').All(part => part is not (".." or "." or ""));

    /// <summary>
    /// Every regular file below <paramref name="relativeDirectory"/> at any depth, relative to it ('/'-separated); none
    /// when it does not exist. <see cref="Open"/> refused folders with symlinks, so nothing here leads outside.
    /// </summary>
    public IEnumerable<string> FilesBelow(string relativeDirectory)
    {
        string directory = Path.Combine(Root, relativeDirectory);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            : [];
    }

    /// <summary>Whether a file exists at a path the caller made from checked parts (e.g. solution.sh beside verify.sh).</summary>
    public bool Exists(string relative) => File.Exists(Path.Combine(Root, relative));

    /// <summary>The bytes of a resolved file, read once and at most <paramref name="limit"/>; null (with the problem) if larger.</summary>
    public byte[]? Read(string relative, long limit)
    {
        if (Files.TryGetValue(relative, out byte[]? known))
            return known.Length <= limit ? known : TooLarge(relative, known.Length, limit);
        string full = Path.Combine(Root, relative);
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            Problem(relative, 0, "became a symlink while the scenario was read");
            return null;
        }
        // A fifo, socket or device reports size 0 and could block or never end: a file of size 0 is read as empty, never opened.
        if (info.Length == 0)
            return Files[relative] = [];
        if (info.Length > limit)
            return TooLarge(relative, info.Length, limit);
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        var buffer = new byte[limit + 1];
        int total = 0, read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            total += read;
        if (total > limit)
            return TooLarge(relative, total, limit);
        return Files[relative] = buffer[..total];
    }

    /// <summary>A resolved file as UTF-8 text (Markdown); null (with the problem) if it is too large or not UTF-8.</summary>
    public string? ReadText(string relative)
    {
        if (Read(relative, MaxFileBytes) is not { } bytes)
            return null;
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Problem(relative, 0, "is not UTF-8 text");
            return null;
        }
    }

    private byte[]? TooLarge(string relative, long length, long limit)
    {
        Problem(relative, 0, $"is {length} bytes; the import takes files of at most {limit} bytes here"
            + (limit == MaxScriptBytes ? " (the most a lab's script can carry into a node)" : ""));
        return null;
    }

    private void Problem(string file, int line, string message) => _problems.Add(new LabProblem(file, line, message));
}
