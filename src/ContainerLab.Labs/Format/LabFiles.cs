namespace ContainerLab.Labs.Format;

/// <summary>
/// The files a manifest names: relative to the lab's folder and inside it (no "..", no absolute path, no symlink on
/// the way), regular files, and small. Lab folders come from instructors and from imports: treated as untrusted.
/// </summary>
public static class LabFiles
{
    public const long MaxFileBytes = 1 << 20;

    /// <summary>Null when <paramref name="relative"/> is usable; else why not.</summary>
    public static string? Problem(string labDirectory, string relative)
    {
        string[] parts = relative.Split('/');
        if (Path.IsPathRooted(relative) || relative.Contains('\\') || parts.Any(part => part is ".." or "." or ""))
            return $"'{relative}' must be a path inside the lab's folder, without '..'";
        string current = labDirectory;
        foreach (string part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(current);
            if (!info.Exists)
                info = new DirectoryInfo(current);
            if (!info.Exists)
                return $"'{relative}' does not exist";
            if (info.LinkTarget is not null)
                return $"'{relative}' goes through a symlink; a lab's files must be plain files in its folder";
        }
        var file = new FileInfo(current);
        if (!file.Exists)
            return $"'{relative}' is a folder, not a file";
        if (file.Length > MaxFileBytes)
            return $"'{relative}' is {file.Length} bytes; files of a lab are at most {MaxFileBytes}";
        return null;
    }

    /// <summary>The text of a file that <see cref="Problem"/> accepted.</summary>
    public static string Read(string labDirectory, string relative) => File.ReadAllText(Path.Combine(labDirectory, relative));
}
