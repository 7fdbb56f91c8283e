using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Inspection;

/// <summary>GET /v1/sandboxes/{id}/inspection reports what the kernel says, through the real daemon.</summary>
public sealed class InspectionEndpointTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const long MiB = 1024 * 1024;

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task The_inspection_shows_processes_namespaces_cgroup_and_changes()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Profile = "internals", Limits = new LimitsDto { MemoryBytes = 96 * MiB, Pids = 77 },
        });
        try
        {
            await client.ShAsync(sandbox.Id, "echo x > /root/new; rm /bin/vi; (unshare -Urpf --mount-proc sleep 300 </dev/null >/dev/null 2>&1 &); sleep 0.5");
            var inspection = await client.InspectAsync(sandbox.Id);

            var init = Assert.Single(inspection.Processes, p => p.HostPid == sandbox.Pid);
            Assert.Equal(1, init.SandboxPid);
            Assert.Equal(0, init.Uid);
            Assert.Equal(long.Parse(sandbox.IdRange.Split('-')[0]), init.HostUid);
            foreach (string kind in new[] { "pid", "net", "mnt", "uts", "ipc", "user", "cgroup" })
            {
                var ns = Assert.Single(inspection.Namespaces, n => n.Kind == kind && n.Inode == init.Namespaces[kind]);
                Assert.False(ns.IsHost, $"{kind} namespace of the sandbox is the host's");
                Assert.True(ns.IsSandboxInit);
            }
            // The student's own pid namespace shows as one that is neither the host's nor the sandbox's.
            Assert.Contains(inspection.Namespaces, n => n.Kind == "pid" && !n.IsHost && !n.IsSandboxInit);

            Assert.Equal(96 * MiB, inspection.Cgroup.MemoryLimitBytes);
            Assert.Equal(77, inspection.Cgroup.PidsLimit);
            Assert.True(inspection.Cgroup.PidsCurrent >= 2);

            Assert.Single(inspection.Filesystem.Layers);
            Assert.Contains(inspection.Filesystem.Changes, c => c.Path == "/root/new" && c.Kind == "added");
            Assert.Contains(inspection.Filesystem.Changes, c => c.Path == "/bin/vi" && c.Kind == "deleted");
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }
}
