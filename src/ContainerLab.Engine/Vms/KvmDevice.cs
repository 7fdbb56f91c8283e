using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Vms;

/// <summary>
/// A VM node's own /dev/kvm: a device node made in the sandbox's directory, owned by the sandbox's root and mode 0600,
/// bind-mounted into it (Runtime/Oci/DefaultMounts). In a user namespace the runtime cannot mknod, so it bind-mounts the
/// host's node, which is root:kvm 0660 and closed to the sandbox's unprivileged root; a node of its own opens it to
/// that sandbox alone. The device cgroup must still allow 10:232 (Runtime/Oci/DeviceRules.Kvm).
/// </summary>
internal static class KvmDevice
{
    public const string FileName = "kvm";
    public const string Inside = "/dev/kvm";
    public const uint Major = 10, Minor = 232;

    /// <summary>Makes the node in <paramref name="directory"/> for the sandbox whose root is host uid <paramref name="rootUid"/>; returns its path.</summary>
    public static string Make(string directory, uint rootUid)
    {
        string path = Path.Combine(directory, FileName);
        using var dir = new SafeFileHandle(Interop.Check(() => Interop.Libc.Open(directory, Interop.O_RDONLY | Interop.O_DIRECTORY | Interop.O_CLOEXEC),
            "open", directory), ownsHandle: true);
        Interop.Check(() => Interop.Libc.Mknodat(dir, FileName, Interop.S_IFCHR | 0x180 /* 0600 */, Interop.Makedev(Major, Minor)), "mknodat", path);
        Interop.Check(() => Interop.Libc.Chown(path, rootUid, rootUid), "chown", path);
        return path;
    }
}
