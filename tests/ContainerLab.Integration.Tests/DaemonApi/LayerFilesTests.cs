using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>GET /v1/sandboxes/{id}/layers/{index}/files on a real busybox sandbox, through the real daemon.</summary>
public sealed class LayerFilesTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const string Requires = "root, an OCI runtime, user namespaces, overlayfs and trusted.* xattrs";

    [RootFact(Requires)]
    public async Task The_image_layer_and_the_writable_layer_list_their_files_with_what_each_changed()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var shell = await client.ShAsync(sandbox.Id, "touch /root/x; rm /bin/vi; mkdir /root/d");
            Assert.True(shell.ExitCode == 0, shell.ToString());
            int writable = (await client.InspectAsync(sandbox.Id)).Filesystem.Layers.Count;
            Assert.Equal(1, writable); // busybox: one image layer, so the writable layer is index 1

            var root = await client.ListLayerFilesAsync(sandbox.Id, 0, "/");
            Assert.Equal((0, "/", false), (root.Layer, root.Path, root.Truncated));
            Assert.Contains(root.Entries, e => e.Name == "bin" && e.Kind == "directory");
            Assert.All(root.Entries, e => Assert.Equal("added", e.Change)); // nothing is below the bottom layer
            Assert.Equal(root.Entries.Select(e => e.Name).Order(StringComparer.Ordinal), root.Entries.Select(e => e.Name));

            var bin = await client.ListLayerFilesAsync(sandbox.Id, 0, "/bin");
            var vi = Assert.Single(bin.Entries, e => e.Name == "vi");
            Assert.Equal("added", vi.Change);
            Assert.Equal(0, vi.Uid); // image layers keep the image's ids; the idmapped mount shifts them, not the files
            Assert.Contains(bin.Entries, e => e.Name == "sh");

            var upperRoot = await client.ListLayerFilesAsync(sandbox.Id, writable, "/");
            Assert.Equal("modified", Assert.Single(upperRoot.Entries, e => e.Name == "bin").Change); // copied up, merged
            Assert.Equal("modified", Assert.Single(upperRoot.Entries, e => e.Name == "root").Change);

            var upperBin = await client.ListLayerFilesAsync(sandbox.Id, writable, "/bin");
            var whiteout = Assert.Single(upperBin.Entries);
            Assert.Equal(("vi", "deleted", "other"), (whiteout.Name, whiteout.Change, whiteout.Kind));

            var upperRootDir = await client.ListLayerFilesAsync(sandbox.Id, writable, "/root");
            var x = Assert.Single(upperRootDir.Entries, e => e.Name == "x");
            Assert.Equal(("added", "file", 0L), (x.Change, x.Kind, x.Size));
            // Written by root inside the sandbox: stored as the first id of its range on the host.
            Assert.Equal(long.Parse(sandbox.IdRange.Split('-')[0]), x.Uid);
            Assert.Equal("directory", Assert.Single(upperRootDir.Entries, e => e.Name == "d").Kind);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact(Requires)]
    public async Task A_symlink_the_student_plants_in_the_writable_layer_is_listed_but_never_followed()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            // Root in the sandbox points a symlink at /etc; on the host, the upper dir holds exactly that symlink.
            var shell = await client.ShAsync(sandbox.Id, "ln -s /etc /root/evil && mkdir -p /root/deep && ln -s ../../../../../../etc /root/deep/up");
            Assert.True(shell.ExitCode == 0, shell.ToString());

            var root = await client.ListLayerFilesAsync(sandbox.Id, 1, "/root");
            var evil = Assert.Single(root.Entries, e => e.Name == "evil");
            Assert.Equal(("symlink", "/etc", "added"), (evil.Kind, evil.LinkTarget, evil.Change));

            foreach (string path in new[] { "/root/evil", "/root/evil/", "/root/deep/up", "/root/deep/up/ssh" })
            {
                var refusal = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ListLayerFilesAsync(sandbox.Id, 1, path));
                Assert.Equal(400, refusal.Status);
                Assert.Contains("symlink", refusal.Detail);
            }
            foreach (string path in new[] { "/..", "/root/../../..", "root" })
                Assert.Equal(400, (await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ListLayerFilesAsync(sandbox.Id, 1, path))).Status);

            Assert.Equal(404, (await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ListLayerFilesAsync(sandbox.Id, 2, "/"))).Status);
            Assert.Equal(404, (await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ListLayerFilesAsync(sandbox.Id, 0, "/no/such"))).Status);
            Assert.Equal(404, (await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ListLayerFilesAsync("nosuchsandbox", 0, "/"))).Status);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }
}
