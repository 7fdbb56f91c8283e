using System.Globalization;
using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Namespaces;

namespace ContainerLab.Engine.Snapshots;

/// <summary>
/// Builds and tears down a sandbox's root filesystem: image layers (idmapped, read-only) as overlay
/// lowers, and an upper/work dir on a tmpfs of its own whose size= and nr_inodes= bound what the sandbox
/// can write (ENOSPC past the limit; tmpfs pages are charged to the writer's memory cgroup as well).
/// </summary>
public static class OverlaySnapshotter
{
    /// <summary>Overlay's mount data must fit in one page; with short lower paths this allows dozens of layers.</summary>
    private const int MaxMountDataBytes = 4000;

    public static void Mount(SnapshotPaths paths, IReadOnlyList<string> layersBottomToTop, IdRange ids, long sizeBytes, long inodes,
        SafeHandle userNamespace)
    {
        if (layersBottomToTop.Count == 0)
            throw new InvalidRequestException("an image needs at least one layer");
        try
        {
            Directory.CreateDirectory(paths.Writable);
            string tmpfsOptions = string.Create(CultureInfo.InvariantCulture,
                $"size={sizeBytes},nr_inodes={inodes},mode=0755,uid={ids.HostStart},gid={ids.HostStart}");
            Interop.Check(() => Interop.Libc.Mount("tmpfs", paths.Writable, "tmpfs",
                Interop.Libc.MS_NOSUID | Interop.Libc.MS_NODEV, tmpfsOptions), "mount tmpfs", paths.Writable);
            foreach (string dir in new[] { paths.Upper, paths.Work })
            {
                Directory.CreateDirectory(dir);
                // Root inside (host uid ids.HostStart) owns the container's / through the upper dir.
                Interop.Check(() => Interop.Libc.Chown(dir, ids.HostStart, ids.HostStart), "chown", dir);
            }

            for (int i = 0; i < layersBottomToTop.Count; i++)
            {
                Directory.CreateDirectory(paths.Lower(i));
                IdmappedMount.Create(layersBottomToTop[i], paths.Lower(i), userNamespace);
            }

            // lowerdir lists the top layer first.
            string lowers = string.Join(':', Enumerable.Range(0, layersBottomToTop.Count).Reverse().Select(paths.Lower));
            string data = $"lowerdir={lowers},upperdir={paths.Upper},workdir={paths.Work}";
            if (data.Length > MaxMountDataBytes)
                throw new InvalidRequestException($"the image has too many layers ({layersBottomToTop.Count}) for one overlay mount");
            Directory.CreateDirectory(paths.Rootfs);
            Interop.Check(() => Interop.Libc.Mount("overlay", paths.Rootfs, "overlay", 0, data), "mount overlay", paths.Rootfs);
        }
        catch
        {
            Unmount(paths);
            throw;
        }
    }

    /// <summary>
    /// Unmounts everything at or below the sandbox directory, found in /proc/self/mountinfo rather than
    /// remembered, so it also cleans up after a crash half-way through <see cref="Mount"/>. Idempotent.
    /// </summary>
    public static void Unmount(SnapshotPaths paths)
    {
        foreach (string mountPoint in MountTable.MountsUnder(paths.Directory))
        {
            if (Interop.Libc.Umount2(mountPoint, Interop.Libc.UMOUNT_NOFOLLOW) == 0)
                continue;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Interop.EINVAL || errno == Interop.ENOENT)
                continue; // not a mount point any more
            // Still busy (a process of the sandbox not yet reaped): detach now, the kernel frees it when unused.
            Interop.Check(() => Interop.Libc.Umount2(mountPoint, Interop.Libc.MNT_DETACH | Interop.Libc.UMOUNT_NOFOLLOW),
                "umount2(MNT_DETACH)", mountPoint);
        }
    }
}
