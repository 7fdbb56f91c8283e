using ContainerLab.Engine.Vms;

namespace ContainerLab.Engine.Tests.Vms;

/// <summary>
/// What a VM node's accelerator is said to be in each case the daemon meets. The trial itself (a guest booted under
/// KVM) needs root and QEMU: Integration.Tests' VmNodeTests.
/// </summary>
public sealed class VmAcceleratorTests
{
    [Fact]
    public void Without_a_kvm_device_it_is_tcg_and_says_the_device_is_missing()
    {
        var accelerator = VmAccelerator.NoDevice("/dev/no-kvm-here");
        Assert.Equal((VmAccelerator.Tcg, false), (accelerator.Name, accelerator.UsesKvm));
        Assert.Contains("has no /dev/no-kvm-here", accelerator.Reason);
        Assert.Contains("in software (TCG)", accelerator.Reason);
    }

    [Fact]
    public void A_failed_trial_is_tcg_and_says_kvm_was_tried_and_what_happened()
    {
        var accelerator = VmAccelerator.Failed("/dev/kvm", "QEMU ended before its guest booted: \"failed to set MSR\"");
        Assert.Equal(VmAccelerator.Tcg, accelerator.Name);
        Assert.StartsWith("KVM was tried first (/dev/kvm) and QEMU ended before its guest booted", accelerator.Reason);
    }

    [Fact]
    public void A_booted_trial_is_kvm_with_its_time_and_the_administrators_choice_is_said_as_such()
    {
        var booted = VmAccelerator.Booted("/dev/kvm", TimeSpan.FromMilliseconds(840));
        Assert.Equal((VmAccelerator.Kvm, true), (booted.Name, booted.UsesKvm));
        Assert.Contains("0.8 s", booted.Reason);
        var chosen = VmAccelerator.Chosen(VmAccelerator.Tcg, "containerlabd --accelerator tcg");
        Assert.Equal(VmAccelerator.Tcg, chosen.Name);
        Assert.Contains("administrator chose TCG (containerlabd --accelerator tcg)", chosen.Reason);
    }
}
