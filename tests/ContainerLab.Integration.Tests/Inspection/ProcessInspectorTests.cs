using System.Globalization;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Inspection;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Inspection;

/// <summary>
/// ProcessInspector on the real kernel: a sandbox of the real daemon, and inside it a pid namespace a student made
/// with unshare. The test process is the host reference (it runs in the host's namespaces, as the daemon does).
/// </summary>
public sealed class ProcessInspectorTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static readonly NamespaceKind[] SandboxKinds =
        [NamespaceKind.Pid, NamespaceKind.Net, NamespaceKind.Mnt, NamespaceKind.Uts, NamespaceKind.Ipc, NamespaceKind.User, NamespaceKind.Cgroup];

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task Sees_the_sandbox_namespaces_ids_and_a_students_nested_pid_namespace()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Profile = "internals", Command = ["sleep", "3600"] });
        try
        {
            // The subshell exits at once, so unshare is orphaned to the sandbox's init and outlives the exec;
            // its output goes to /dev/null so that it does not hold the exec's pipes open.
            var started = await client.ShAsync(sandbox.Id, "(unshare -Urpf --mount-proc sleep 300 </dev/null >/dev/null 2>&1 &) ; sleep 0.5");
            Assert.True(started.ExitCode == 0, started.ToString());
            int initPid = sandbox.Pid ?? throw new InvalidOperationException("the sandbox has no pid: " + sandbox.State);

            var (processes, namespaces) = ProcessInspector.Inspect(CgroupProcesses(sandbox.CgroupPath), initPid);

            var init = Assert.Single(processes, p => p.HostPid == initPid);
            Assert.Equal(1, init.SandboxPid);
            Assert.Equal("init", init.Command); // tini; the sandbox's command is its child, pid 2
            Assert.Contains(processes, p => p.Command == "sleep" && p.SandboxPid == 2 && p.HostParentPid == initPid);
            Assert.Equal(long.Parse(sandbox.IdRange.Split('-')[0], CultureInfo.InvariantCulture), init.HostUid);
            Assert.Equal(0, init.Uid);
            foreach (var kind in SandboxKinds)
            {
                var ns = Assert.Single(namespaces, n => n.Kind == kind && n.HostPids.Contains(initPid));
                Assert.True(ns.IsSandboxInit && !ns.IsHost, $"{kind}: {ns}");
            }

            var nested = Assert.Single(processes, p => p.Command == "sleep" && p.Arguments.SequenceEqual(["300"]));
            Assert.Equal(3, nested.NamespacePids.Count);
            Assert.Equal(1, nested.NamespacePids[2]);
            var studentPid = Assert.Single(namespaces, n => n.Kind == NamespaceKind.Pid && n.HostPids.Contains(nested.HostPid));
            Assert.False(studentPid.IsHost);
            Assert.False(studentPid.IsSandboxInit);
            Assert.Equal(0, nested.Uid);
            Assert.Equal(init.HostUid, nested.HostUid);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    /// <summary>The pids in the sandbox's cgroup: the v1 pids hierarchy on a hybrid host, the unified tree on v2.</summary>
    private static int[] CgroupProcesses(string cgroupPath)
    {
        foreach (string directory in new[] { $"/sys/fs/cgroup/pids{cgroupPath}", $"/sys/fs/cgroup{cgroupPath}" })
        {
            string procs = Path.Combine(directory, "cgroup.procs");
            if (File.Exists(procs))
                return File.ReadAllLines(procs).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        }
        throw new InvalidOperationException($"no cgroup.procs for {cgroupPath} under /sys/fs/cgroup/pids or /sys/fs/cgroup");
    }
}
