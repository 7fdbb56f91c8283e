using ContainerLab.Engine.Inspection;

namespace ContainerLab.Engine.Tests.Inspection;

/// <summary>The inspector against a fake /proc: a host, a sandbox init, a student's nested namespace, a kernel thread.</summary>
public sealed class ProcessInspectorTests : IDisposable
{
    private const ulong HostBase = 4026531830;
    private const ulong SandboxBase = 4026532100;
    private const string SandboxMap = "         0 1000000000      65536\n";
    private readonly FakeProcTree _proc = new();

    public ProcessInspectorTests()
    {
        // The daemon (reference) and the sandbox: init 500 (pid 1 inside) running sleep, a shell 501.
        _proc.AddProcess("self", name: "containerlabd", namespaces: FakeProcTree.AllKinds(HostBase));
        _proc.AddProcess("500", name: "sleep", parentPid: 490, uid: 1000000000, nspid: [500, 1], cmdline: "sleep\03600\0",
            uidMap: SandboxMap, namespaces: FakeProcTree.AllKinds(SandboxBase));
        _proc.AddProcess("501", name: "sh", parentPid: 500, uid: 1000001000, nspid: [501, 7], cmdline: "/bin/sh\0-c\0echo hi\0",
            uidMap: SandboxMap, namespaces: FakeProcTree.AllKinds(SandboxBase));
    }

    public void Dispose() => _proc.Dispose();

    private (IReadOnlyList<InspectedProcess> Processes, IReadOnlyList<InspectedNamespace> Namespaces) Inspect(params int[] pids) =>
        ProcessInspector.Inspect(pids, sandboxInitPid: 500, procRoot: _proc.Root);

    [Fact]
    public void Reads_pids_parent_command_and_arguments()
    {
        var (processes, _) = Inspect(500, 501);
        var init = processes[0];
        Assert.Equal((500, 1, 490), (init.HostPid, init.SandboxPid, init.HostParentPid));
        Assert.Equal([500, 1], init.NamespacePids);
        Assert.Equal("sleep", init.Command);
        Assert.Equal(["3600"], init.Arguments);
        var shell = processes[1];
        Assert.Equal("sh", shell.Command);
        Assert.Equal(["-c", "echo hi"], shell.Arguments);
        Assert.Equal(7, shell.SandboxPid);
    }

    [Fact]
    public void Translates_host_uids_through_the_process_uid_map()
    {
        var (processes, _) = Inspect(500, 501);
        Assert.Equal((0L, 1000000000L), (processes[0].Uid, processes[0].HostUid));
        Assert.Equal((1000L, 1000001000L), (processes[1].Uid, processes[1].HostUid));
    }

    [Fact]
    public void A_nested_pid_namespace_adds_a_level_and_the_sandbox_pid_stays_the_second()
    {
        // unshare -Urpf --mount-proc sleep 300 inside the sandbox: new user and pid (and mount) namespaces.
        var nested = FakeProcTree.AllKinds(SandboxBase);
        nested[NamespaceKind.Pid] = 4026532500;
        nested[NamespaceKind.User] = 4026532501;
        nested[NamespaceKind.Mnt] = 4026532502;
        _proc.AddProcess("510", name: "sleep", parentPid: 509, uid: 1000000000, nspid: [510, 12, 1], cmdline: "sleep\0300\0",
            uidMap: "         0 1000000000          1\n", namespaces: nested);

        var (processes, namespaces) = Inspect(500, 510);
        var sleep = processes.Single(p => p.HostPid == 510);
        Assert.Equal([510, 12, 1], sleep.NamespacePids);
        Assert.Equal(12, sleep.SandboxPid);
        Assert.Equal(0, sleep.Uid);
        var studentPid = Assert.Single(namespaces, ns => ns.Kind == NamespaceKind.Pid && ns.Inode == 4026532500);
        Assert.False(studentPid.IsHost);
        Assert.False(studentPid.IsSandboxInit);
        Assert.Equal([510], studentPid.HostPids);
        // Its network namespace is still the sandbox's.
        Assert.True(namespaces.Single(ns => ns.Kind == NamespaceKind.Net && ns.HostPids.Contains(510)).IsSandboxInit);
    }

    [Fact]
    public void Groups_namespaces_by_kind_and_inode_with_host_and_init_flags()
    {
        // A process the sandbox shares the host's network with (e.g. a helper joined into the cgroup).
        var hostNet = FakeProcTree.AllKinds(SandboxBase);
        hostNet[NamespaceKind.Net] = HostBase + (ulong)NamespaceKind.Net;
        _proc.AddProcess("520", name: "helper", cmdline: "helper\0", nspid: [520], namespaces: hostNet);

        var (_, namespaces) = Inspect(500, 501, 520);
        Assert.Equal(Enum.GetValues<NamespaceKind>().Length + 1, namespaces.Count);
        Assert.All(namespaces.Where(ns => ns.Inode >= SandboxBase), ns => Assert.True(ns.IsSandboxInit && !ns.IsHost));
        var sandboxPid = namespaces.Single(ns => ns.Kind == NamespaceKind.Pid);
        Assert.Equal([500, 501, 520], sandboxPid.HostPids);
        var net = namespaces.Where(ns => ns.Kind == NamespaceKind.Net).ToList();
        Assert.Equal(2, net.Count);
        var host = Assert.Single(net, ns => ns.IsHost);
        Assert.False(host.IsSandboxInit);
        Assert.Equal([520], host.HostPids);
    }

    [Fact]
    public void A_process_that_vanished_is_skipped()
    {
        Directory.CreateDirectory(Path.Combine(_proc.Root, "530"));  // reaped between listing and reading: no files left
        var (processes, namespaces) = Inspect(500, 530, 531);       // 531: no directory at all
        Assert.Equal([500], processes.Select(p => p.HostPid));
        Assert.All(namespaces, ns => Assert.Equal([500], ns.HostPids));
    }

    [Fact]
    public void A_missing_namespace_link_is_left_out()
    {
        var noTime = FakeProcTree.AllKinds(SandboxBase);
        noTime.Remove(NamespaceKind.Time);
        _proc.AddProcess("540", name: "old", cmdline: "old\0", nspid: [540, 3], uidMap: SandboxMap, namespaces: noTime);
        var (processes, _) = Inspect(540);
        Assert.DoesNotContain(NamespaceKind.Time, processes[0].Namespaces.Keys);
        Assert.Equal(7, processes[0].Namespaces.Count);
    }

    [Fact]
    public void A_kernel_thread_or_zombie_with_an_empty_cmdline_is_named_from_status()
    {
        _proc.AddProcess("2", name: "kthreadd", parentPid: 0, nspid: [2], cmdline: "", namespaces: FakeProcTree.AllKinds(HostBase));
        var (processes, namespaces) = Inspect(2);
        var thread = Assert.Single(processes);
        Assert.Equal("kthreadd", thread.Command);
        Assert.Empty(thread.Arguments);
        Assert.Null(thread.SandboxPid);
        Assert.All(namespaces, ns => Assert.True(ns.IsHost && !ns.IsSandboxInit));
    }

    [Fact]
    public void Without_a_sandbox_init_nothing_is_flagged_as_init()
    {
        var (_, namespaces) = ProcessInspector.Inspect([500], sandboxInitPid: null, procRoot: _proc.Root);
        Assert.All(namespaces, ns => Assert.False(ns.IsSandboxInit));
    }

    [Fact]
    public void Without_NSpid_the_directory_pid_is_the_only_level()
    {
        _proc.AddProcess("550", name: "old", cmdline: "/usr/bin/old\0", namespaces: FakeProcTree.AllKinds(HostBase));
        var (processes, _) = Inspect(550);
        Assert.Equal([550], processes[0].NamespacePids);
        Assert.Null(processes[0].SandboxPid);
        Assert.Equal("old", processes[0].Command);
    }

    [Fact]
    public void Reads_the_real_proc_for_this_process()
    {
        var (processes, namespaces) = ProcessInspector.Inspect([Environment.ProcessId], sandboxInitPid: null);
        var self = Assert.Single(processes);
        Assert.Equal(Environment.ProcessId, self.HostPid);
        Assert.All(namespaces, ns => Assert.True(ns.IsHost));
    }
}
