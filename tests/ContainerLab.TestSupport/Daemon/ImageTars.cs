namespace ContainerLab.TestSupport;

/// <summary>The debian image's tar, built by scripts/build-debian-image.sh --tar-only (scripts/test.sh does).</summary>
public static class DebianImage
{
    public static string TarPath => Environment.GetEnvironmentVariable("CONTAINERLAB_DEBIAN_TAR") ?? "/var/cache/containerlab/debian-bookworm.tar";

    public static Task ImportAsync(DaemonProcess daemon) =>
        ImageTar.ImportAsync(daemon, TarPath, "debian", "scripts/build-debian-image.sh --tar-only");
}

/// <summary>The vm image's tar (QEMU and the guest), built by scripts/build-vm-image.sh --tar-only (scripts/test.sh does).</summary>
public static class VmImage
{
    public static string TarPath => Path.Combine(Environment.GetEnvironmentVariable("CONTAINERLAB_VM_DIR") ?? "/var/cache/containerlab/vm", "vm-image.tar");

    public static Task ImportAsync(DaemonProcess daemon) =>
        ImageTar.ImportAsync(daemon, TarPath, "vm", "scripts/build-vm-image.sh --tar-only");
}

/// <summary>Lab 9's emulation image's tar (qemu-user, a program for two CPUs), built by scripts/build-emulation-image.sh --tar-only.</summary>
public static class EmulationImage
{
    public static string TarPath => Path.Combine(Environment.GetEnvironmentVariable("CONTAINERLAB_EMULATION_DIR") ?? "/var/cache/containerlab/emulation", "emulation-image.tar");

    public static Task ImportAsync(DaemonProcess daemon) =>
        ImageTar.ImportAsync(daemon, TarPath, "emulation", "scripts/build-emulation-image.sh --tar-only");
}

internal static class ImageTar
{
    /// <summary>Imports a rootfs tar as <paramref name="name"/>; fails the test with what to run when it is missing.</summary>
    public static async Task ImportAsync(DaemonProcess daemon, string tarPath, string name, string build)
    {
        Xunit.Assert.True(File.Exists(tarPath), $"{tarPath} is missing: run {build} (scripts/test.sh does)");
        using var client = daemon.Client();
        await using var tar = File.OpenRead(tarPath);
        await client.ImportImageAsync(tar, name, "rootfs");
    }
}
