namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// The device cgroup allow-list: deny every device, then allow the nodes every program expects
/// (runc's libcontainer/specconv AllowedDevices). Without it a process that somehow got a device node
/// (e.g. a disk's) could open it; the user namespace already stops mknod of real devices, this stops open.
/// </summary>
public static class DeviceRules
{
    public static IReadOnlyList<OciDeviceRule> Default { get; } =
    [
        new() { Allow = false, Access = "rwm" },
        Char(1, 3),    // /dev/null
        Char(1, 5),    // /dev/zero
        Char(1, 7),    // /dev/full
        Char(1, 8),    // /dev/random
        Char(1, 9),    // /dev/urandom
        Char(5, 0),    // /dev/tty
        Char(5, 1),    // /dev/console
        Char(5, 2),    // /dev/ptmx
        Char(136, null), // /dev/pts/* (unix98 pty slaves)
    ];

    private static OciDeviceRule Char(long major, long? minor) =>
        new() { Allow = true, Type = "c", Major = major, Minor = minor, Access = "rwm" };
}
