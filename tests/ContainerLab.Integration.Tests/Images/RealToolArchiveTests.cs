using System.Formats.Tar;
using ContainerLab.Engine.Images;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Images;

/// <summary>Archives written by real tools (umoci for OCI layouts, skopeo for docker save), not by our own tests.</summary>
public sealed class RealToolArchiveTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [RootFact("root for umoci unpack, mknod and lchown; Debian umoci and skopeo")]
    public async Task Imports_umoci_layouts_and_skopeo_docker_archives_to_the_same_layers()
    {
        string layout = _temp.Combine("layout"), bundle = _temp.Combine("bundle");
        await BuiltinBusyboxTests.RunAsync("umoci", "init", "--layout", layout);
        await BuiltinBusyboxTests.RunAsync("umoci", "new", "--image", $"{layout}:latest");
        await BuiltinBusyboxTests.RunAsync("umoci", "unpack", "--image", $"{layout}:latest", bundle);
        Directory.CreateDirectory(Path.Combine(bundle, "rootfs", "bin"));
        File.Copy("/bin/busybox", Path.Combine(bundle, "rootfs", "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(bundle, "rootfs", "bin", "sh"), "busybox");
        await BuiltinBusyboxTests.RunAsync("umoci", "repack", "--refresh-bundle", "--image", $"{layout}:latest", bundle);
        // Second layer deletes bin/sh: umoci writes a .wh.sh whiteout.
        File.Delete(Path.Combine(bundle, "rootfs", "bin", "sh"));
        await BuiltinBusyboxTests.RunAsync("umoci", "repack", "--image", $"{layout}:latest", bundle);
        await BuiltinBusyboxTests.RunAsync("umoci", "config", "--image", $"{layout}:latest", "--config.cmd", "/bin/busybox");
        string dockerArchive = _temp.Combine("docker.tar");
        await BuiltinBusyboxTests.RunAsync("skopeo", "copy", $"oci:{layout}:latest", $"docker-archive:{dockerArchive}:real:latest");
        string layoutTar = _temp.Combine("layout.tar");
        await TarFile.CreateFromDirectoryAsync(layout, layoutTar, includeBaseDirectory: false);

        var store = new ImageStore(_temp.Combine("images"));
        ImageRecord fromDirectory = await store.ImportDirectoryAsync(layout, "umoci-dir");
        ImageRecord fromTar;
        await using (FileStream tar = File.OpenRead(layoutTar))
            fromTar = await store.ImportAsync(tar, "umoci-tar");
        ImageRecord fromDocker;
        await using (FileStream docker = File.OpenRead(dockerArchive))
            fromDocker = await store.ImportAsync(docker, "skopeo-docker");

        Assert.Equal(["/bin/busybox"], fromDirectory.Config.Cmd);
        Assert.Equal(2, fromDirectory.Layers.Count);
        Assert.Equal(fromDirectory.ManifestDigest, fromTar.ManifestDigest);
        Assert.Equal(fromDirectory.Layers.Select(l => l.DiffId), fromDocker.Layers.Select(l => l.DiffId));
        Assert.Equal(2, Directory.GetDirectories(_temp.Combine("images", "layers")).Length);
        Assert.True(File.Exists(Path.Combine(fromDocker.Layers[0].Path, "bin", "busybox")));
        Assert.Equal("character special file 0 0",
            await BuiltinBusyboxTests.RunAsync("stat", "-c", "%F %t %T", Path.Combine(fromDocker.Layers[1].Path, "bin", "sh")));
    }
}
