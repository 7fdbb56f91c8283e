using ContainerLab.Engine.Snapshots;
using ContainerLab.TestSupport;

namespace ContainerLab.Engine.Tests.Snapshots;

public sealed class MountTableTests
{
    [Fact]
    public void Parses_mount_point_type_and_source_and_unescapes_octal()
    {
        var entry = MountTable.Parse(@"36 35 98:0 /mnt1 /var/lib/my\040dir rw,noatime master:1 - overlay over\134lay rw,lowerdir=/a");
        Assert.Equal(36, entry.Id);
        Assert.Equal(35, entry.ParentId);
        Assert.Equal("/var/lib/my dir", entry.MountPoint);
        Assert.Equal("overlay", entry.FilesystemType);
        Assert.Equal(@"over\lay", entry.Source);
    }

    [Fact]
    public void Mounts_under_a_directory_deepest_first_and_not_its_prefix_siblings()
    {
        using var temp = new TempDirectory();
        string file = temp.Combine("mountinfo");
        File.WriteAllLines(file,
        [
            "20 1 0:1 / /state/sandboxes/abc/rw rw - tmpfs tmpfs rw",
            "21 1 0:2 / /state/sandboxes/abc/lower/0 ro - ext4 /dev/vda ro",
            "22 1 0:3 / /state/sandboxes/abc/rootfs rw - overlay overlay rw",
            "23 1 0:4 / /state/sandboxes/abcdef/rootfs rw - overlay overlay rw",
            "24 1 0:5 / /state/sandboxes/abc rw - tmpfs tmpfs rw",
        ]);
        var mounts = MountTable.MountsUnder("/state/sandboxes/abc", file);
        Assert.Equal(["/state/sandboxes/abc/lower/0", "/state/sandboxes/abc/rootfs", "/state/sandboxes/abc/rw", "/state/sandboxes/abc"], mounts);
    }
}
