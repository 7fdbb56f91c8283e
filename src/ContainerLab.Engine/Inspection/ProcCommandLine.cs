namespace ContainerLab.Engine.Inspection;

/// <summary>/proc/PID/cmdline: argv as the process left it, each argument ended by a NUL.</summary>
internal static class ProcCommandLine
{
    /// <summary>
    /// Command = basename of argv[0], Arguments = argv[1..]. A kernel thread has no user memory and a zombie has
    /// released it, so both read as empty: the command is then <paramref name="statusName"/> (comm, from status).
    /// </summary>
    internal static (string Command, IReadOnlyList<string> Arguments) Parse(string text, string statusName)
    {
        string[] argv = text.TrimEnd('\0').Split('\0');
        if (argv[0].Length == 0)
            return (statusName, []);
        string command = Path.GetFileName(argv[0]);
        return (command.Length == 0 ? argv[0] : command, argv[1..]);
    }
}
