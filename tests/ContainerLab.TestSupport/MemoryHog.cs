namespace ContainerLab.TestSupport;

/// <summary>
/// A shell command that needs more memory than a small memory limit allows: tail keeps the "last line" of a
/// newline-free stream, so it grows until the OOM killer of the sandbox's memory cgroup stops it (status 137).
/// </summary>
public static class MemoryHog
{
    /// <summary>
    /// The hog in a subshell that first raises its own oom_score_adj to 1000 (anyone may raise their own), which head
    /// and tail inherit. The kernel kills tail first either way; but head can charge a pipe page before tail's memory
    /// is uncharged, and the kernel then takes a second victim, the highest-scored process left. At equal scores that
    /// was the calling shell about one time in ten on a busy machine; at 1000 it is head or the subshell.
    /// The subshell's status is tail's. The kernel counts one or two OOM kills.
    /// </summary>
    public static string Command(string size) =>
        $"(echo 1000 > /proc/self/oom_score_adj; head -c {size} /dev/zero | tail > /dev/null)";
}
