using System.Globalization;
using ContainerLab.Engine.Errors;

namespace ContainerLab.Engine.Host;

/// <summary>
/// The sandboxes' root filesystems live under the state directory, and crun and runc make them private and
/// pivot into them from inside the sandbox's user namespace: as an unprivileged host uid that is neither owner
/// nor group of the directories on the way. Path walk then needs search permission for others (o+x) on every
/// directory from / down (fs/namei.c may_lookup); without it every run fails with the runtime's
/// "make `.../rootfs` private: Permission denied". Checked once at start, so the daemon refuses instead.
/// </summary>
public static class StateDirectoryAccess
{
    /// <summary>Throws, naming the first directory others cannot search and the fix, unless all of them can.</summary>
    public static void RequireSearchableByOthers(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        string path = Path.GetFullPath(stateDirectory);
        foreach (string directory in SelfAndAncestors(path))
        {
            // stat follows a symlink: the mode is that of the directory the walk goes through.
            var mode = File.GetUnixFileMode(directory);
            if ((mode & UnixFileMode.OtherExecute) == 0)
                throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture,
                    $"{(directory == path ? "the state directory" : $"the state directory {path} lies under")} {directory} " +
                    $"(mode {Convert.ToString((int)mode, 8)}), which the sandboxes' unprivileged uids cannot traverse, so every " +
                    $"run would fail with 'Permission denied'. " +
                    $"Fix: chmod o+x {directory} (others may then pass through it, not list it), or choose a --state-dir " +
                    $"(CONTAINERLAB_STATE) whose every parent is o+x, such as /var/lib/containerlab"));
        }
    }

    /// <summary>/, then each directory down to <paramref name="path"/> itself.</summary>
    internal static IEnumerable<string> SelfAndAncestors(string path)
    {
        var chain = new List<string>();
        for (string? directory = path; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            chain.Add(directory);
        chain.Reverse();
        return chain;
    }
}
