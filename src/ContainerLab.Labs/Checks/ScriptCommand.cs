using System.Globalization;

namespace ContainerLab.Labs.Checks;

/// <summary>
/// The command line a lab script (check, setup, solution) runs as inside a node: <c>sh -c SCRIPT</c>, under the
/// image's own <c>timeout -s KILL</c> where it has one (busybox and coreutils both do), so a script that hangs is
/// ended inside the node instead of lingering after the checker gave up on it.
/// </summary>
public static class ScriptCommand
{
    /// <summary>What sh reports for a child killed by SIGKILL (128 + 9).</summary>
    public const int KilledExitCode = 137;

    public static IReadOnlyList<string> For(string script, TimeSpan timeout)
    {
        string seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        const string Wrapper = "if command -v timeout >/dev/null 2>&1; then exec timeout -s KILL \"$1\" /bin/sh -c \"$2\"; else exec /bin/sh -c \"$2\"; fi";
        return ["/bin/sh", "-c", Wrapper, "lab-script", seconds, script];
    }
}
