using ContainerLab.Engine.Snapshots;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Snapshots;

public sealed class DiskImageTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void The_image_holds_the_disk_limit_plus_its_inode_tables_in_whole_blocks()
    {
        // 65536 inodes of 256 bytes: 16 MiB of inode tables, which statfs leaves out of the filesystem's size.
        Assert.Equal(256 * MiB + 16 * MiB, DiskImage.ImageBytes(new DiskShape(256 * MiB, 65536)));
        Assert.Equal(0, DiskImage.ImageBytes(new DiskShape(8 * MiB + 1, 1024)) % 4096);
        Assert.True(DiskImage.ImageBytes(new DiskShape(8 * MiB + 1, 1024)) >= 8 * MiB + 1 + 1024 * 256);
    }

    [Fact]
    public void Formats_with_the_requested_inode_count_and_no_journal_or_reserved_blocks()
    {
        var argv = DiskImage.FormatCommand("/state/x.img", new DiskShape(64 * MiB, 4096));
        Assert.Equal("mkfs.ext4", argv[0]);
        Assert.Equal("4096", argv[argv.ToList().IndexOf("-N") + 1]);
        Assert.Equal("0", argv[argv.ToList().IndexOf("-m") + 1]);
        Assert.Contains("^has_journal", argv[argv.ToList().IndexOf("-O") + 1]);
        Assert.Equal("/state/x.img", argv[^1]);
    }
}

public sealed class SparseFileTests
{
    [Fact]
    public void Copies_data_ranges_and_keeps_holes_as_holes()
    {
        using var temp = new TempDirectory();
        string source = temp.Combine("source.img"), copy = temp.Combine("copy.img");
        const long length = 64L * 1024 * 1024;
        using (var file = new FileStream(source, FileMode.CreateNew))
        {
            file.SetLength(length);
            file.Write(Enumerable.Repeat((byte)1, 4096).ToArray());
            file.Position = 32L * 1024 * 1024;
            file.Write(Enumerable.Repeat((byte)2, 8192).ToArray());
        }

        SparseFile.Copy(source, copy);

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
        // Blocks actually allocated: a few KiB, not the file's 64 MiB (a plain copy would write every zero).
        var stat = HostCommand("stat", "-c", "%b %B", copy).Split(' ');
        Assert.True(long.Parse(stat[0], System.Globalization.CultureInfo.InvariantCulture) * long.Parse(stat[1], System.Globalization.CultureInfo.InvariantCulture) < 1024 * 1024, $"copy allocates {stat[0]} blocks of {stat[1]}");
    }

    private static string HostCommand(params string[] argv)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(argv[0], argv[1..]) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim();
    }
}
