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

    /// <summary>/dev/net/tun: a VM node's QEMU opens its guest's tap device through it (Networking/GuestLink).</summary>
    public static OciDevice Tun { get; } = new() { Path = "/dev/net/tun", Type = "c", Major = 10, Minor = 200, FileMode = 0x1b6 /* 0666 */, Uid = 0, Gid = 0 };

    /// <summary>/dev/kvm (10:232): a VM node's QEMU under KVM opens its own node of it (Vms/KvmDevice).</summary>
    public static OciDeviceRule Kvm { get; } = Char(Vms.KvmDevice.Major, Vms.KvmDevice.Minor);

    /// <summary>The allow-list, with a rule for each of <paramref name="devices"/> (the sandbox's own device nodes) and for /dev/kvm when <paramref name="kvm"/>.</summary>
    public static IReadOnlyList<OciDeviceRule> With(IReadOnlyList<OciDevice> devices, bool kvm) =>
        devices.Count == 0 && !kvm ? Default : [.. Default, .. devices.Select(d => Char(d.Major, d.Minor)), .. kvm ? [Kvm] : Array.Empty<OciDeviceRule>()];

    private static OciDeviceRule Char(long major, long? minor) =>
        new() { Allow = true, Type = "c", Major = major, Minor = minor, Access = "rwm" };
}
