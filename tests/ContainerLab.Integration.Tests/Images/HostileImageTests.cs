using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Images;

/// <summary>
/// Images that are the caller's bad input (issue 8, defect 5) are a 400 that says what is wrong, at import or at
/// create, never a 500; and a refused create leaves nothing behind.
/// </summary>
public sealed class HostileImageTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon = fixture.Daemon;

    [RootTheory("root and a running containerlabd")]
    [InlineData("auto")]
    [InlineData("rootfs")]
    public async Task A_gnu_sparse_tar_is_a_400_naming_the_entry(string format)
    {
        using var client = _daemon.Client();
        int images = (await client.ListImagesAsync()).Count;
        using var archive = RootfsArchive.GnuSparse();

        var error = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ImportImageAsync(archive, "sparse", format));

        Assert.Equal(400, error.Status);
        Assert.Contains("sparse", error.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(images, (await client.ListImagesAsync()).Count);
    }

    public static TheoryData<string, string, string, string> MountTargetImages => new()
    {
        // name, what /etc or /dev is, its target or content, a word the refusal must contain
        { "etc-in-proc", "symlink", "/proc/self/root/etc", "/proc" },
        { "etc-in-proc-relative", "symlink", "proc/1/root/etc", "/proc" },
        { "etc-in-sys", "symlink", "/sys/kernel", "/sys" },
        { "etc-is-a-file", "file", "not a directory", "/etc" },
        { "etc-loop", "symlink", "/etc", "symlink" },
    };

    [RootTheory("root and a running containerlabd")]
    [MemberData(nameof(MountTargetImages))]
    public async Task An_image_whose_etc_leads_where_the_runtime_cannot_mount_is_a_400_at_create(string name, string kind, string value, string mentioned)
    {
        using var client = _daemon.Client();
        var rootfs = new RootfsArchive();
        rootfs = kind == "symlink" ? rootfs.Symlink("etc", value) : rootfs.File("etc", value);
        using (var archive = rootfs.Build(withEtc: false))
            await client.ImportImageAsync(archive, name, "rootfs");
        string sandboxes = Path.Combine(_daemon.StateDirectory, "sandboxes");
        int before = Directory.EnumerateDirectories(sandboxes).Count();

        var error = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
            client.CreateSandboxAsync(new CreateSandboxRequest { Image = name, Command = ["sh", "-c", "true"] }));

        Assert.True(error.Status == 400, $"{error.Status}: {error.Detail}");
        Assert.Contains("/etc", error.Detail);
        Assert.Contains(mentioned, error.Detail);
        Assert.Equal(before, Directory.EnumerateDirectories(sandboxes).Count());
        await client.RemoveImageAsync(name);
    }
}
