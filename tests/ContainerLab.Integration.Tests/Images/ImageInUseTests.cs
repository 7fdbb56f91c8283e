using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Images;

/// <summary>
/// Images that sandboxes run on, deleted or imported again under the same name (issue 8, defect 3). Like Docker:
/// a delete is refused with 409 naming the sandboxes, a forced delete only removes the name, a re-import makes a
/// new version; the layers a sandbox stands on stay until the last sandbox on them is removed, then they go.
/// </summary>
public sealed class ImageInUseTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon = fixture.Daemon;

    private string LayersDirectory => Path.Combine(_daemon.StateDirectory, "images", "layers");

    [RootFact("root and a running containerlabd")]
    public async Task Deleting_an_image_a_sandbox_uses_is_a_409_naming_it_and_the_sandbox_keeps_working()
    {
        using var client = _daemon.Client();
        await ImportAsync(client, "in-use", "one");
        var node = await StartAsync(client, "in-use", "holder");
        try
        {
            var error = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.RemoveImageAsync("in-use"));

            Assert.Equal(409, error.Status);
            Assert.Contains("in-use:latest", error.Detail);
            Assert.Contains("holder", error.Detail);
            Assert.Contains(node.Id, error.Detail);
            Assert.Contains(await client.ListImagesAsync(), i => i.Name == "in-use");
            Assert.Equal("one", (await client.ExecAsync(node.Id, "cat", "/marker")).Stdout.Trim());
        }
        finally
        {
            await client.RemoveSandboxAsync(node.Id, force: true);
        }
        await client.RemoveImageAsync("in-use"); // nobody uses it any more
        Assert.DoesNotContain(await client.ListImagesAsync(), i => i.Name == "in-use");
    }

    [RootFact("root and a running containerlabd")]
    public async Task A_forced_delete_untags_and_the_layers_stay_until_the_last_sandbox_on_them_is_removed()
    {
        using var client = _daemon.Client();
        var image = await ImportAsync(client, "forced", "kept");
        string layer = LayerDirectory(image);
        var node = await StartAsync(client, "forced", "standing");

        await client.RemoveImageAsync("forced", force: true);

        Assert.DoesNotContain(await client.ListImagesAsync(), i => i.Name == "forced");
        var missing = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.CreateSandboxAsync(new CreateSandboxRequest { Image = "forced" }));
        Assert.Equal(404, missing.Status);
        Assert.Equal("kept", (await client.ExecAsync(node.Id, "cat", "/marker")).Stdout.Trim());
        Assert.True(Directory.Exists(layer), "the layer a running sandbox stands on was deleted");

        await client.RemoveSandboxAsync(node.Id, force: true);
        Assert.False(Directory.Exists(layer), "the layer of a deleted image stayed after its last sandbox was removed");
    }

    [RootFact("root and a running containerlabd")]
    public async Task Reimporting_under_the_same_name_makes_a_new_version_and_leaves_running_sandboxes_alone()
    {
        using var client = _daemon.Client();
        var first = await ImportAsync(client, "versioned", "first");
        var old = await StartAsync(client, "versioned", "on-first");

        var second = await ImportAsync(client, "versioned", "second");

        Assert.NotEqual(first.Digest, second.Digest);
        var listing = await client.ExecAsync(old.Id, "ls", "/bin");
        Assert.Contains("busybox", listing.Stdout);
        Assert.Equal("first", (await client.ExecAsync(old.Id, "cat", "/marker")).Stdout.Trim());
        Assert.Equal("second", (await client.RunAsync("versioned", "cat", "/marker")).Stdout.Trim());

        await client.RemoveSandboxAsync(old.Id, force: true);
        Assert.False(Directory.Exists(LayerDirectory(first)), "the old version's layer stayed after its last sandbox was removed");
        Assert.True(Directory.Exists(LayerDirectory(second)));
        await client.RemoveImageAsync("versioned");
    }

    [RootFact("root and a running containerlabd")]
    public async Task The_builtin_busybox_comes_back_after_a_delete_and_its_running_sandboxes_keep_working()
    {
        using var client = _daemon.Client();
        var node = await StartAsync(client, "busybox", "bb-holder");
        try
        {
            var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.RemoveImageAsync("busybox"));
            Assert.Equal(409, refused.Status);
            Assert.Contains("bb-holder", refused.Detail);

            await client.RemoveImageAsync("busybox", force: true);

            Assert.Equal("still here", (await client.ExecAsync(node.Id, "echo", "still here")).Stdout.Trim());
            Assert.Equal("back", (await client.RunAsync("busybox", "echo", "back")).Stdout.Trim());
        }
        finally
        {
            await client.RemoveSandboxAsync(node.Id, force: true);
        }

        await client.RemoveImageAsync("busybox"); // unused now: a plain delete
        Assert.Equal("back again", (await client.RunAsync("busybox", "echo", "back again")).Stdout.Trim());
        Assert.Contains(await client.ListImagesAsync(), i => i.Name == "busybox");
    }

    private static async Task<ImageDto> ImportAsync(ContainerLabClient client, string name, string marker)
    {
        using var archive = new RootfsArchive().File("marker", marker + "\n").Build();
        return await client.ImportImageAsync(archive, name, "rootfs");
    }

    private static Task<SandboxDto> StartAsync(ContainerLabClient client, string image, string name) =>
        client.CreateSandboxAsync(new CreateSandboxRequest { Image = image, Name = name, Command = ["sleep", "3600"] });

    private string LayerDirectory(ImageDto image) =>
        Path.Combine(LayersDirectory, Assert.Single(image.Layers).DiffId["sha256:".Length..]);
}
