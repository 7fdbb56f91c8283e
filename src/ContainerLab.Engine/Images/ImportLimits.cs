namespace ContainerLab.Engine.Images;

/// <summary>
/// What one import may cost. Counted across the whole import (all layers); an import that crosses a limit is
/// refused with <see cref="Errors.ImageImportException"/> and leaves nothing behind.
/// </summary>
/// <param name="MaxArchiveBytes">Bytes of the archive as received (compressed).</param>
/// <param name="MaxUnpackedBytes">Bytes of decompressed layer tar streams (guards against gzip bombs).</param>
/// <param name="MaxEntries">Tar entries across all layers.</param>
/// <param name="MaxPathLength">Longest entry name or link target, in bytes (Linux PATH_MAX is 4096).</param>
/// <param name="SetuidAllowList">
/// Absolute in-image paths of regular files allowed to keep a setuid or setgid bit; null means
/// <see cref="DefaultSetuidAllowList"/>. Any other setuid/setgid file refuses the import.
/// </param>
public sealed record ImportLimits(
    long MaxArchiveBytes = 2L * 1024 * 1024 * 1024,
    long MaxUnpackedBytes = 8L * 1024 * 1024 * 1024,
    long MaxEntries = 500_000,
    int MaxPathLength = 4096,
    IReadOnlySet<string>? SetuidAllowList = null)
{
    public static ImportLimits Default { get; } = new();

    /// <summary>
    /// The setuid/setgid programs of a normal Debian, Ubuntu or Alpine userland (shadow's passwd tools, util-linux
    /// mount, iputils ping, sudo, cron, ssh-agent), under /bin, /usr/bin, /sbin and /usr/sbin. Inside a sandbox they
    /// are root only within the sandbox's user namespace, which is what labs about users and permissions need.
    /// </summary>
    public static IReadOnlySet<string> DefaultSetuidAllowList { get; } = BuildDefaultAllowList();

    public IReadOnlySet<string> EffectiveSetuidAllowList => SetuidAllowList ?? DefaultSetuidAllowList;

    private static HashSet<string> BuildDefaultAllowList()
    {
        string[] programs =
        [
            "su", "sudo", "passwd", "mount", "umount", "chsh", "chfn", "gpasswd", "newgrp", "ping", "ping6",
            "chage", "expiry", "unix_chkpwd", "wall", "write", "ssh-agent", "crontab", "fusermount", "fusermount3",
            "pkexec", "bsd-write", "dotlockfile",
        ];
        string[] directories = ["/bin", "/usr/bin", "/sbin", "/usr/sbin"];
        return directories.SelectMany(d => programs.Select(p => $"{d}/{p}")).ToHashSet(StringComparer.Ordinal);
    }
}
