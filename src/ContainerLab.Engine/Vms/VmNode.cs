using System.Globalization;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Host;
using ContainerLab.Engine.Images;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Engine.Vms;

/// <summary>
/// A VM node is a container sandbox of the "vm" image (scripts/build-vm-image.sh) whose first process is QEMU: the
/// lifecycle, limits, cgroup, namespaces, uid range, terminal and clean-up after kill -9 are a container's, so a
/// guest that breaks out of QEMU is still an unprivileged, confined process. QEMU's stdio is the guest's serial
/// console, and the sandbox's pty is the node's terminal. The node's memory limit is the guest's RAM; the cgroup
/// gets that plus <see cref="OverheadBytes"/> for QEMU itself.
/// </summary>
internal static class VmNode
{
    public const string RunnerImage = "vm";

    /// <summary>QEMU beside the guest's RAM: its code, heap and I/O buffers (~40 MiB) and the TCG translation cache.</summary>
    public const long OverheadBytes = 128L << 20;

    /// <summary>The TCG translation cache in MiB (QEMU's default is 1 GiB of address space that fills as code runs).</summary>
    private const int TranslationCacheMiB = 64;

    /// <summary>Debian's kernel and the busybox initramfs boot in 64 MiB; a shell and a few programs want room beside.</summary>
    public const long MinimumRamBytes = 128L << 20;

    /// <summary>The guests built into the vm image: an initramfs of busybox-static.</summary>
    private static readonly string[] Guests = ["busybox"];

    /// <summary>The container sandbox that runs the VM node <paramref name="node"/>, named <paramref name="hostname"/>.</summary>
    /// <param name="mac">The guest NIC's MAC when the node is on a session network (Networking/GuestLink), else null: no NIC.</param>
    /// <param name="accelerator">KVM or TCG, and why (<see cref="VmAccelerator"/>).</param>
    public static SandboxSpec Runner(SandboxSpec node, string hostname, string? mac, VmAccelerator accelerator)
    {
        string guest = ImageReference.Parse(node.Image).Name;
        if (!Guests.Contains(guest, StringComparer.Ordinal))
            throw new InvalidRequestException($"a VM node boots a {string.Join(" or ", Guests)} guest; '{node.Image}' has no guest build yet");
        if (node.Command.Count > 0)
            throw new InvalidRequestException("a VM node takes no command: its guest's init gives the console a shell");
        if (node.Limits.MemoryBytes < MinimumRamBytes)
            throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture,
                $"a VM node needs at least {MinimumRamBytes >> 20} MiB of memory for its guest; asked for {node.Limits.MemoryBytes >> 20} MiB"));
        int cpus = Math.Max(1, (int)Math.Ceiling(node.Limits.Cpus));
        return node with
        {
            Image = RunnerImage,
            GuestImage = node.Image,
            Accelerator = accelerator,
            Command = [.. QemuCommand(node.Limits.MemoryBytes, cpus, hostname, TscRate.Khz, accelerator.UsesKvm), .. mac is null ? [] : NicArguments(mac)],
            Tty = true,
            WorkingDirectory = "/",
            Limits = node.Limits with { MemoryBytes = node.Limits.MemoryBytes + OverheadBytes },
        };
    }

    /// <summary>
    /// The guest's NIC: virtio-net over MMIO on the tap device GuestLink made in the sandbox's network namespace (opened
    /// by name: QEMU owns it; no helper script, nothing privileged), with the MAC eth0 takes, so the guest is the node.
    /// </summary>
    private static IReadOnlyList<string> NicArguments(string mac) =>
    [
        "-netdev", $"tap,id=net0,ifname={Networking.GuestLink.Tap},script=no,downscript=no",
        "-device", $"virtio-net-device,netdev=net0,mac={mac}",
    ];

    /// <summary>
    /// Each choice measured under TCG on this kind of machine (docs/VMS.md): the microvm machine (no PCI bus, no
    /// firmware tables to walk: 0.3 s less than pc), the ELF vmlinux entered at its PVH note (no self-decompression
    /// of the bzImage: 3 s less), the console on the first serial port. The kernel's boot log is left on: it is what a
    /// student should see a VM do that a container does not, it stamps each line with the guest's clock (the boot
    /// timeline), and a boot that stalls then shows where (quiet made a stall under CI a blank screen).
    /// </summary>
    internal static IReadOnlyList<string> QemuCommand(long ramBytes, int cpus, string hostname, long? tscKhz, bool kvm) =>
    [
        "/usr/bin/qemu-system-x86_64",
        "-machine", "microvm",
        // Under KVM the guest sees the host's own processor (-cpu host): nothing to translate, every feature it has.
        .. kvm ? ["-accel", "kvm", "-cpu", "host"] : new[] { "-accel", string.Create(CultureInfo.InvariantCulture, $"tcg,tb-size={TranslationCacheMiB}") },
        "-m", string.Create(CultureInfo.InvariantCulture, $"{ramBytes >> 20}M"),
        "-smp", cpus.ToString(CultureInfo.InvariantCulture),
        "-nodefaults", "-no-user-config", "-display", "none",
        // The console: QEMU's stdio, the sandbox's pty. signal=off: Ctrl-C goes to the guest, not to QEMU.
        "-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
        // The agent's channel: a virtio-serial port named clab.agent (the guest's /dev/vport0p1), carried to the
        // daemon's socket, which QEMU connects to (Vms/GuestAgent); again within a second when the daemon closed the
        // channel on a guest that broke the protocol, so that the guest's restarted agent is reached again.
        "-device", "virtio-serial-device",
        "-chardev", $"socket,id=agent,path={GuestAgent.DirectoryInside}/{GuestAgent.SocketName},reconnect=1",
        "-device", "virtserialport,chardev=agent,name=clab.agent",
        "-kernel", "/vm/vmlinux", "-initrd", "/vm/initramfs.cpio.gz",
        // tsc_early_khz: the guest's TSC rate, so that it need not measure it (TscRate says why that hangs under TCG);
        // tsc=reliable: the host's TSC is constant, but the guest's watchdog, comparing it with jiffies that a busy host
        // delays, would declare it unstable and fall back to counting jiffies, a clock as late as the host is busy.
        "-append", string.Create(CultureInfo.InvariantCulture,
            $"console=ttyS0 pci=off panic=-1 clab.hostname={hostname}{(tscKhz is { } khz ? $" tsc_early_khz={khz} tsc=reliable" : "")}"),
        // A guest that panics or powers off ends QEMU, and with it the node, instead of rebooting in a loop.
        "-no-reboot",
        // QEMU's own seccomp filter, on top of the sandbox's: no new processes, no privileged calls.
        "-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny",
    ];
}
