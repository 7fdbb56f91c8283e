namespace ContainerLab.TestSupport;

/// <summary>The `debian` image of the tests: the rootfs tar scripts/build-debian-image.sh --tar-only makes (scripts/test.sh does).</summary>
public static class DebianImage
{
    public static string TarPath => Environment.GetEnvironmentVariable("CONTAINERLAB_DEBIAN_TAR") ?? "/var/cache/containerlab/debian-bookworm.tar";

    /// <summary>Imports the tar into <paramref name="daemon"/> as `debian`; fails the test with what to run when it is missing.</summary>
    public static async Task ImportAsync(DaemonProcess daemon)
    {
        Xunit.Assert.True(File.Exists(TarPath), $"{TarPath} is missing: run scripts/build-debian-image.sh --tar-only (scripts/test.sh does)");
        using var client = daemon.Client();
        await using var tar = File.OpenRead(TarPath);
        await client.ImportImageAsync(tar, "debian", "rootfs");
    }
}
