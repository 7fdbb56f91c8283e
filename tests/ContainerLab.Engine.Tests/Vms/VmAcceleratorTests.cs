using ContainerLab.Engine.Vms;

namespace ContainerLab.Engine.Tests.Vms;

/// <summary>What a VM node's accelerator is said to be, with and without a KVM device (a file standing in for it).</summary>
public sealed class VmAcceleratorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clab-kvm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_a_kvm_device_it_is_tcg_and_says_the_device_is_missing()
    {
        var accelerator = VmAccelerator.Detect(Path.Combine(_directory, "kvm"));
        Assert.Equal(VmAccelerator.Tcg, accelerator.Name);
        Assert.Contains($"has no {Path.Combine(_directory, "kvm")}", accelerator.Reason);
    }

    [Fact]
    public void With_a_kvm_device_it_is_still_tcg_and_says_kvm_is_not_tried_instead_of_guessing()
    {
        string device = Path.Combine(_directory, "kvm");
        File.WriteAllText(device, "");
        var accelerator = VmAccelerator.Detect(device);
        Assert.Equal(VmAccelerator.Tcg, accelerator.Name);
        Assert.Contains("does not try KVM yet", accelerator.Reason);
    }
}
