using System.Globalization;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Inspection;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Inspection;

/// <summary>The changes a running sandbox made, read from its real overlay upper against its mounted, idmapped lowers.</summary>
public sealed class FilesystemInspectorTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [RootFact("root, an OCI runtime, user namespaces, overlayfs and trusted.* xattrs")]
    public async Task Deleted_added_and_modified_files_of_a_running_sandbox_are_seen_in_its_upper()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var shell = await client.ShAsync(sandbox.Id, "rm /bin/vi; echo x > /root/new; echo y >> /etc/passwd; mkdir -p /tmp/d && touch /tmp/d/f");
            Assert.True(shell.ExitCode == 0, shell.ToString());

            string directory = Path.Combine(fixture.Daemon.StateDirectory, "sandboxes", sandbox.Id);
            var lowers = Directory.GetDirectories(Path.Combine(directory, "lower"))
                .OrderBy(p => int.Parse(Path.GetFileName(p), CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(lowers);

            var result = FilesystemInspector.Inspect(Path.Combine(directory, "rw", "upper"), lowers, []);

            var changes = result.Changes.ToDictionary(c => c.Path);
            Assert.False(result.ChangesTruncated);
            Assert.Equal(FileChangeKind.Deleted, changes["/bin/vi"].Kind);
            Assert.Equal(new FileChange("/root/new", FileChangeKind.Added, false, 2), changes["/root/new"]);
            Assert.Equal(FileChangeKind.Modified, changes["/etc/passwd"].Kind);
            Assert.Equal(new FileChange("/tmp/d", FileChangeKind.Added, true, 0), changes["/tmp/d"]);
            Assert.Equal(new FileChange("/tmp/d/f", FileChangeKind.Added, false, 0), changes["/tmp/d/f"]);
            // Directories of the image that only hold changes are copied up but are not changes themselves.
            Assert.DoesNotContain("/bin", changes.Keys);
            Assert.DoesNotContain("/etc", changes.Keys);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true, CancellationToken.None);
        }
    }
}
