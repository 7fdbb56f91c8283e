using System.Runtime.InteropServices;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Namespaces;

namespace ContainerLab.Engine.Snapshots;

/// <summary>
/// Builds and tears down a sandbox's root filesystem: image layers (idmapped, read-only) as overlay
/// lowers, and an upper/work dir on an ext4 filesystem of its own (<see cref="DiskImage"/>, mounted through a
/// loop device), whose size and inode count bound what the sandbox can write: ENOSPC past either, and the memory
/// limit stays a separate limit because the filesystem's pages are page cache, written back and reclaimable.
/// </summary>
public static class OverlaySnapshotter
{
    /// <summary>Overlay's mount data must fit in one page; with short lower paths this allows dozens of layers.</summary>
    private const int MaxMountDataBytes = 4000;

    /// <summary>Mounts the sandbox's root; its disk image must already be at <see cref="SnapshotPaths.DiskImage"/>.</summary>
    public static void Mount(SnapshotPaths paths, IReadOnlyList<string> layersBottomToTop, IdRange ids, SafeHandle userNamespace)
    {
        if (layersBottomToTop.Count == 0)
            throw new InvalidRequestException("an image needs at least one layer");
        try
        {
            Directory.CreateDirectory(paths.Writable);
            var (device, devicePath) = LoopDevice.Attach(paths.DiskImage);
            // Closing our fd leaves the mount as the device's only user: its unmount detaches the device (autoclear).
            using (device)
                Interop.Check(() => Interop.Libc.Mount(devicePath, paths.Writable, "ext4",
                    Interop.Libc.MS_NOSUID | Interop.Libc.MS_NODEV, DiskImage.MountOptions), "mount ext4", $"{devicePath} on {paths.Writable}");
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
    /// remembered, so it also cleans up after a crash half-way through <see cref="Mount"/>; then detaches any loop
    /// device still backed by the sandbox's disk image. Idempotent.
    /// </summary>
    public static void Unmount(SnapshotPaths paths)
    {
        foreach (string mountPoint in MountTable.MountsUnder(paths.Directory))
        {
            int errno = Interop.Answer(Interop.Libc.Umount2(mountPoint, Interop.Libc.UMOUNT_NOFOLLOW), "umount2", mountPoint,
                Interop.EINVAL, Interop.ENOENT, Interop.EBUSY);
            if (errno != Interop.EBUSY)
                continue; // unmounted, or not a mount point any more
            // Still busy (a process of the sandbox not yet reaped): detach now, the kernel frees it when unused.
            Interop.Check(() => Interop.Libc.Umount2(mountPoint, Interop.Libc.MNT_DETACH | Interop.Libc.UMOUNT_NOFOLLOW),
                "umount2(MNT_DETACH)", mountPoint);
        }
        // Normally the unmount of the ext4 already detached it (autoclear); this is for a device bound but never mounted.
        LoopDevice.DetachAllBackedBy(paths.Directory);
    }
}
