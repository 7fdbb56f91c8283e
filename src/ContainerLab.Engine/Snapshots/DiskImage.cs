using System.Globalization;
using ContainerLab.Engine.Processes;

namespace ContainerLab.Engine.Snapshots;

/// <summary>The size of a sandbox's writable layer: bytes it may write and files (inodes) it may create.</summary>
public readonly record struct DiskShape(long Bytes, long Inodes);

/// <summary>
/// A sandbox's writable layer as an ext4 filesystem in a sparse image file, mounted through a loop device. Its own
/// filesystem makes the disk limit a disk limit: writing past it fails with ENOSPC (no space in the filesystem), and
/// the sandbox's page cache for it is reclaimable and written back to the image, not pinned in memory like tmpfs pages.
/// </summary>
public static class DiskImage
{
    private const long BlockBytes = 4096;
    private const long InodeBytes = 256;

    /// <summary>
    /// The image file's size: the bytes the sandbox may write plus its inode tables, which ext4 counts as overhead and
    /// statfs leaves out of f_blocks, so `df /` inside shows about <see cref="DiskShape.Bytes"/>. Rounded up to whole blocks.
    /// </summary>
    public static long ImageBytes(DiskShape shape)
    {
        long bytes = shape.Bytes + shape.Inodes * InodeBytes;
        return (bytes + BlockBytes - 1) / BlockBytes * BlockBytes;
    }

    /// <summary>The mkfs.ext4 command line for an image of <paramref name="shape"/> at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> FormatCommand(string path, DiskShape shape) =>
    [
        "mkfs.ext4", "-q", "-F",
        // No journal: the filesystem lives as long as the sandbox and is never fsck'd or replayed. No reserved GDT
        // blocks: it never grows. Both cut metadata that would otherwise be written to every image.
        "-O", "^has_journal,^resize_inode",
        // Inode tables are not zeroed at format time; the mount's noinit_itable stops the kernel zeroing them later.
        "-E", "lazy_itable_init=1,nodiscard",
        "-m", "0", // no blocks reserved for root: root inside is the student
        "-b", BlockBytes.ToString(CultureInfo.InvariantCulture),
        "-I", InodeBytes.ToString(CultureInfo.InvariantCulture), // room for trusted.overlay.* xattrs inline
        "-N", shape.Inodes.ToString(CultureInfo.InvariantCulture),
        path,
    ];

    /// <summary>ext4 mount options: see <see cref="FormatCommand"/> for why the inode tables are left alone.</summary>
    public const string MountOptions = "noinit_itable";

    /// <summary>Creates a sparse file of <see cref="ImageBytes"/> at <paramref name="path"/> and formats it (about 5 ms, 140 KiB written).</summary>
    public static async Task FormatAsync(string path, DiskShape shape, CancellationToken cancellationToken = default)
    {
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            file.SetLength(ImageBytes(shape));
        await HostCommand.RunAsync(FormatCommand(path, shape), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
