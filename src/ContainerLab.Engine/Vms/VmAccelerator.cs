namespace ContainerLab.Engine.Vms;

/// <summary>
/// How a VM node's QEMU runs the guest's processor, and why, as the API and the web say it. Only TCG (QEMU translating
/// the guest's instructions in software) for now: KVM would be used only where it is shown to boot a guest, by trying
/// (a /dev/kvm can be there and still fail a stock kernel, as a nested hypervisor's did on the machines this was built
/// on), and that try is not written yet, because no machine here has a /dev/kvm to test it on (docs/VMS.md).
/// </summary>
public sealed record VmAccelerator(string Name, string Reason)
{
    public const string Tcg = "tcg";

    public static VmAccelerator Detect(string kvmDevice = "/dev/kvm") => File.Exists(kvmDevice)
        ? new(Tcg, $"this server has {kvmDevice}, but ContainerLab does not try KVM yet, so QEMU emulates the guest's processor in software (TCG)")
        : new(Tcg, $"this server has no {kvmDevice} (no hardware virtualization is lent to it), so QEMU emulates the guest's processor in software (TCG)");
}
