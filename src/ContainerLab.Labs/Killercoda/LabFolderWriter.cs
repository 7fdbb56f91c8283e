using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ContainerLab.Labs.Format;

namespace ContainerLab.Labs.Killercoda;

/// <summary>
/// Writes an imported lab folder all or nothing: every file goes into a hidden staging folder beside the destination,
/// which is then renamed into place (rename(2) within one filesystem), so a failure halfway leaves no lab behind.
/// With --force an existing lab folder is replaced the same way; nothing that is not a lab folder is ever replaced.
/// </summary>
internal static partial class LabFolderWriter
{
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex LabId();

    /// <summary>Why the lab cannot be written to <paramref name="destination"/>; checked before anything is read or written.</summary>
    public static void CheckDestination(string destination, string source, bool force, List<LabProblem> problems)
    {
        string full = Path.GetFullPath(destination).TrimEnd('/');
        string name = Path.GetFileName(full);
        string parent = Path.GetDirectoryName(full) ?? "/";
        string sourceFull = Path.GetFullPath(source).TrimEnd('/');
        void Problem(string message) => problems.Add(new LabProblem(destination, 0, message));

        if (!LabId().IsMatch(name))
            Problem($"the folder's name '{name}' is the lab's id: lowercase letters, digits and '-'");
        if (!Directory.Exists(parent))
            Problem($"the folder it goes in, {parent}, does not exist");
        if (IsSameOrInside(full, sourceFull) || IsSameOrInside(sourceFull, full))
            Problem("is the scenario folder, inside it or around it: write the lab somewhere else");
        var existing = new DirectoryInfo(full);
        bool exists = existing.Exists || File.Exists(full) || existing.LinkTarget is not null;
        if (exists && !force)
            Problem("already exists; give --force to replace it");
        else if (exists && (existing.LinkTarget is not null || !existing.Exists))
            Problem("exists and is not a folder; --force replaces only a lab folder");
        else if (exists && !File.Exists(Path.Combine(full, Lab.ManifestName)) && !IsEmpty(existing))
            Problem($"is a folder without {Lab.ManifestName}; --force replaces only a lab folder (or an empty one)");
    }

    /// <summary>Writes <paramref name="files"/> as the folder <paramref name="destination"/>, replacing an existing one only when <paramref name="replace"/>.</summary>
    public static void Write(string destination, IReadOnlyDictionary<string, byte[]> files, bool replace)
    {
        string full = Path.GetFullPath(destination).TrimEnd('/');
        string parent = Path.GetDirectoryName(full)!;
        string tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.import-{tag}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var (relative, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                string path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                stream.Write(content);
            }
            if (!replace || !Directory.Exists(full))
            {
                Directory.Move(staging, full);
                return;
            }
            string old = Path.Combine(parent, $".{Path.GetFileName(full)}.replaced-{tag}");
            Directory.Move(full, old);
            try
            {
                Directory.Move(staging, full);
            }
            catch
            {
                Directory.Move(old, full);
                throw;
            }
            Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    private static bool IsEmpty(DirectoryInfo directory)
    {
        try
        {
            return !directory.EnumerateFileSystemInfos().Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsSameOrInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);
}
