using System.Diagnostics;
using ContainerLab.Engine.Images;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Images;

public sealed class BuiltinBusyboxTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [RootFact("root for mknod, lchown and chroot; Debian busybox-static at /bin/busybox")]
    public async Task EnsureBusybox_builds_a_runnable_image_once()
    {
        var store = new ImageStore(_temp.Combine("images"));

        ImageRecord image = await BuiltinImages.EnsureBusyboxAsync(store);

        LayerRecord layer = Assert.Single(image.Layers);
        Assert.Equal(("busybox", "latest"), (image.Name, image.Tag));
        Assert.Equal(["/bin/sh"], image.Config.Cmd);
        Assert.Contains(image.Config.Env, e => e.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(layer.Path, "bin/busybox")));
        Assert.Equal("busybox", new FileInfo(Path.Combine(layer.Path, "bin/sh")).LinkTarget);
        Assert.Equal("../../bin/busybox", new FileInfo(Path.Combine(layer.Path, "usr/bin/env")).LinkTarget);
        Assert.StartsWith("root:x:0:0:", File.ReadAllText(Path.Combine(layer.Path, "etc/passwd")));
        Assert.Equal("1777", await RunAsync("stat", "-c", "%a", Path.Combine(layer.Path, "tmp")));
        Assert.Equal("hello from busybox", await RunAsync("chroot", layer.Path, "/bin/sh", "-c", "echo hello from busybox"));

        ImageRecord again = await BuiltinImages.EnsureBusyboxAsync(store);
        Assert.Equal(image.ImportedAt, again.ImportedAt); // no second import
        Assert.Equal(image.ManifestDigest, again.ManifestDigest);

        // Rebuilt from scratch, the image is byte-for-byte the same (fixed timestamps, no PAX times).
        store.Remove("busybox");
        ImageRecord rebuilt = await BuiltinImages.EnsureBusyboxAsync(store);
        Assert.Equal(image.ManifestDigest, rebuilt.ManifestDigest);
    }

    internal static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error}");
        return output.Trim();
    }
}
