namespace ContainerLab.Engine.Snapshots;

/// <summary>Where one sandbox's filesystem parts live under its directory.</summary>
public sealed record SnapshotPaths(string Directory)
{
    /// <summary>The sandbox's ext4 image (sparse file): its size and inode count are the disk limit.</summary>
    public string DiskImage => Path.Combine(Directory, "disk.img");
    /// <summary>Where the disk image is mounted: the writable area, holding the overlay's upper and work dirs.</summary>
    public string Writable => Path.Combine(Directory, "rw");
    public string Upper => Path.Combine(Writable, "upper");
    public string Work => Path.Combine(Writable, "work");
    /// <summary>Idmapped read-only views of the image layers: lower/0 is the bottom layer.</summary>
    public string Lowers => Path.Combine(Directory, "lower");
    public string Lower(int index) => Path.Combine(Lowers, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    /// <summary>The overlay mount: the container's root.</summary>
    public string Rootfs => Path.Combine(Directory, "rootfs");
}
