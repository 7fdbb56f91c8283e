using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Runtime;

/// <summary>
/// Some runtime failures are the caller's mistake, not the host's: a command that does not exist in the
/// image, a working directory that is not a usable directory inside the sandbox. Those become 400s with the
/// runtime's own words; everything else stays a host error.
/// </summary>
public static class RuntimeErrorClassifier
{
    public static ContainerLabException Classify(RuntimeCommandException error)
    {
        string text = error.Stderr;
        if (text.Contains("chdir", StringComparison.OrdinalIgnoreCase))
            return new InvalidRequestException($"the working directory cannot be used inside the sandbox: {Trim(text)}");
        if (text.Contains("executable file", StringComparison.OrdinalIgnoreCase)
            || (text.Contains("exec", StringComparison.OrdinalIgnoreCase) && text.Contains("No such file or directory", StringComparison.Ordinal)))
            return new InvalidRequestException($"the command was not found in the sandbox: {Trim(text)}");
        // execve(2) refused the file itself: not executable for that user (EACCES) or not a format the kernel runs (ENOEXEC).
        if (text.Contains("exec", StringComparison.OrdinalIgnoreCase)
            && (text.Contains("Permission denied", StringComparison.Ordinal) || text.Contains("Exec format error", StringComparison.Ordinal)))
            return new InvalidRequestException($"the command cannot be executed in the sandbox: {Trim(text)}");
        return error;
    }

    /// <summary>
    /// A failure that goes away when the same command runs again a moment later. crun before 1.9 (Debian 12 has 1.8.1)
    /// joins the namespaces of the sandbox's init one at a time, user namespace first; while that init has not yet
    /// exec'd the sandbox's program, an exec right after start fails with "setns(pid=N, CLONE_*): Operation not
    /// permitted" (containers/crun#1264, fixed by #1265).
    /// </summary>
    public static bool IsTransient(string stderr) =>
        stderr.Contains("setns(pid=", StringComparison.Ordinal) && stderr.Contains("Operation not permitted", StringComparison.Ordinal);

    private static string Trim(string text) => text.Trim().Split('\n').Last().Trim();
}
