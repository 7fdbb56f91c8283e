using ContainerLab.Api.Contracts;
using ContainerLab.Web.Tests.Fakes;

namespace ContainerLab.Web.Tests.Kernel;

/// <summary>
/// Layer directories as the daemon would answer them for <see cref="InspectionSamples.Typical"/> (two image layers, so
/// the writable layer is index 2): a busybox-like bottom layer, and a writable layer where the student deleted /bin/vi,
/// wrote /root/notes.txt and made /opt opaque.
/// </summary>
internal static class LayerSamples
{
    public const int Bottom = 0, Writable = 2;

    public static LayerFileDto Dir(string name, string change = "added") => new(name, "directory", null, 0, 0x41ED, 0, 0, change);
    public static LayerFileDto File(string name, long size, string change = "added", uint mode = 0x81ED) => new(name, "file", null, size, mode, 0, 0, change);
    public static LayerFileDto Link(string name, string target) => new(name, "symlink", target, target.Length, 0xA1FF, 0, 0, "added");
    public static LayerFileDto Whiteout(string name) => new(name, "other", null, 0, 0x2000, 1_000_000_000, 1_000_000_000, "deleted");

    public static FakeSandboxHost Seed(this FakeSandboxHost host)
    {
        host.SeedLayerDirectory(Bottom, "/", Dir("bin"), Dir("etc"), Dir("root"));
        host.SeedLayerDirectory(Bottom, "/bin", File("busybox", 1_048_576), Link("sh", "busybox"), File("vi", 1_048_576));
        host.SeedLayerDirectory(Bottom, "/etc", File("passwd", 340, mode: 0x81A4));
        host.SeedLayerDirectory(Writable, "/", Dir("bin", "modified"), Dir("opt", "opaque"), Dir("root", "modified"));
        host.SeedLayerDirectory(Writable, "/bin", Whiteout("vi"));
        host.SeedLayerDirectory(Writable, "/opt", File("new", 3));
        host.SeedLayerDirectory(Writable, "/root", File("notes.txt", 12, mode: 0x81A4) with { Uid = 1_000_000_000, Gid = 1_000_000_000 });
        return host;
    }
}
