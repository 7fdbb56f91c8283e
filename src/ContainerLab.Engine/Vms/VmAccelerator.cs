using System.Globalization;

namespace ContainerLab.Engine.Vms;

/// <summary>
/// How a VM node's QEMU runs the guest's processor, and why, as the API and the web say it: KVM (the host's CPU runs
/// the guest's instructions itself, with hardware virtualization) where a guest was seen to boot under it, else TCG
/// (QEMU translates them in software). Seen, not guessed: a /dev/kvm can be there and still fail a stock kernel, as a
/// nested hypervisor's (PVM) does on the machines this was built on (docs/VMS.md, "KVM or TCG").
/// </summary>
public sealed record VmAccelerator(string Name, string Reason)
{
    public const string Tcg = "tcg";
    public const string Kvm = "kvm";

    public bool UsesKvm => Name == Kvm;

    private const string Software = "so QEMU emulates the guest's processor in software (TCG)";

    /// <summary>What the KVM trial's own node runs under (Sandboxes/SandboxService.Accelerator).</summary>
    internal static VmAccelerator Trial { get; } = new(Kvm, "the start-up trial of KVM on this server");

    public static VmAccelerator Chosen(string name, string option) => name == Kvm
        ? new(Kvm, $"the administrator chose KVM ({option}): the host's processor runs the guest's instructions itself")
        : new(Tcg, $"the administrator chose TCG ({option}), {Software}");

    public static VmAccelerator NoDevice(string device) =>
        new(Tcg, $"this server has no {device} (no hardware virtualization is lent to it), {Software}");

    public static VmAccelerator Booted(string device, TimeSpan elapsed) =>
        new(Kvm, string.Create(CultureInfo.InvariantCulture,
            $"a guest booted under KVM ({device}) when this server's first VM node was asked for: it took {elapsed.TotalSeconds:0.0} s to its agent"));

    public static VmAccelerator Failed(string device, string what) =>
        new(Tcg, $"KVM was tried first ({device}) and {what}, {Software}");
}
