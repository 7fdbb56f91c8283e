namespace ContainerLab.Engine.Inspection;

/// <summary>Reading a file under /proc/PID of a process that may exit at any moment.</summary>
internal static class ProcFile
{
    private const int Esrch = 3;

    /// <summary>
    /// The file's text, or null when the process is gone: its directory disappears (ENOENT) once it is reaped, and a
    /// read racing with its exit can fail with ESRCH (the kernel finds no task behind the open file).
    /// </summary>
    internal static string? ReadIfAlive(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || e is IOException { HResult: Esrch })
        {
            return null;
        }
    }
}
