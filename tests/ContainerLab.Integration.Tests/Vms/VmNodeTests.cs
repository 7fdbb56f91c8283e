using System.Text;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.Integration.Tests.Sandboxes;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Vms;

/// <summary>
/// A VM node (issue 11): QEMU under TCG, confined in a sandbox of the vm image, boots Debian's kernel to a busybox
/// shell on its console, which is the node's terminal. Real QEMU, real kernel; a boot takes seconds here.
/// </summary>
[Collection(VmBoots.Name)]
public sealed class VmNodeTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan Boot = TimeSpan.FromSeconds(120); // TCG on a busy 2-core machine

    [RootFact("root, an OCI runtime, user namespaces, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task A_vm_node_boots_its_own_kernel_in_an_unprivileged_qemu_and_removing_it_leaves_nothing()
    {
        await VmImage.ImportAsync(fixture.Daemon);
        using var client = fixture.Daemon.Client();
        var node = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Kind = "vm", Image = "busybox", Name = "vm1", Limits = new LimitsDto { Memory = "192m" },
        });
        int? qemu = null;
        try
        {
            Assert.Equal(("vm", "busybox"), (node.Kind, node.Image)); // what it boots, not the image QEMU runs from
            // Which accelerator, and why: without /dev/kvm TCG, saying so; with one, KVM was tried by booting a guest
            // under it. Where KVM cannot boot a stock kernel (PVM, as on the machines this was built on) QEMU got as far
            // as KVM itself and failed there, which shows the trial's node could open its own /dev/kvm (Vms/KvmDevice):
            // not "-accel kvm: failed to initialize kvm: No such file or directory" (no node, as before it had one) nor
            // "Could not access KVM kernel module: Permission denied" (the host's node, root:kvm 0660).
            Assert.Contains(node.Accelerator, new[] { "tcg", "kvm" });
            if (!File.Exists("/dev/kvm"))
                Assert.Contains("has no /dev/kvm", node.AcceleratorReason);
            else if (node.Accelerator == "kvm")
                Assert.Contains("a guest booted under KVM (/dev/kvm)", node.AcceleratorReason);
            else
            {
                Assert.StartsWith("KVM was tried first (/dev/kvm) and ", node.AcceleratorReason);
                Assert.DoesNotContain("failed to initialize kvm", node.AcceleratorReason);
                Assert.DoesNotContain("Could not access KVM", node.AcceleratorReason);
                Assert.DoesNotContain("could not be made", node.AcceleratorReason);
            }
            Assert.DoesNotContain((await client.ListSandboxesAsync()), s => s.Name == "kvm-trial"); // the trial's node is gone
            // The node's memory is the guest's RAM; its cgroup holds QEMU too, with a bounded overhead.
            Assert.Equal((192 + 128) * MiB, node.Limits.MemoryBytes);
            Assert.Equal((192 + 128) * MiB, SandboxCgroupFiles.MemoryLimit(node.CgroupPath));

            await using var console = await client.AttachAsync(node.Id, "init", replay: true);
            string boot;
            try { boot = await TerminalOutput.ReadUntilAsync(console, "clab-boot: shell", Boot); }
            catch (Xunit.Sdk.XunitException e) { throw new Xunit.Sdk.XunitException(e.Message + "\n" + await QemuStateAsync(client, node)); }
            Assert.Contains("clab-boot: init", boot);
            await console.SendInputAsync("uname -r; hostname; echo guest-$((6*7))\n"u8.ToArray());
            string answer = await TerminalOutput.ReadUntilAsync(console, "guest-42", TimeSpan.FromSeconds(60));
            string hostRelease = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
            string[] lines = answer.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            string guestRelease = lines.First(l => l.EndsWith("-amd64", StringComparison.Ordinal) && !l.Contains("uname", StringComparison.Ordinal));
            Assert.NotEqual(hostRelease, guestRelease); // a kernel of its own: Debian 12's, not the server's
            Assert.Contains("vm1", lines);

            // QEMU, as the host sees it: the child of the node's init, a uid of the node's range, in its own user namespace.
            int init = (await client.GetSandboxAsync(node.Id)).Pid!.Value;
            qemu = File.ReadAllText($"/proc/{init}/task/{init}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Single();
            Assert.Equal("qemu-system-x86", File.ReadAllText($"/proc/{qemu}/comm").Trim());
            string status = File.ReadAllText($"/proc/{qemu}/status");
            long uid = long.Parse(status.Split('\n').First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1]);
            long[] range = [.. node.IdRange.Split('-').Select(long.Parse)];
            Assert.InRange(uid, range[0], range[1]); // never root on the host
            Assert.NotEqual(ReadLink("/proc/1/ns/user"), ReadLink($"/proc/{qemu}/ns/user")); // its capabilities are not the host's
            Assert.Contains("Seccomp:\t2", status);

            // A command in the guest, through its agent over virtio-serial: stdout and stderr apart, the exit code, stdin.
            var release = await client.ExecAsync(node.Id, "uname", "-r");
            Assert.Equal((0, guestRelease), (release.ExitCode, release.Stdout.Trim()));
            var failing = await client.ShAsync(node.Id, "echo out; echo err >&2; exit 3");
            Assert.Equal((3, "out\n", "err\n"), (failing.ExitCode, failing.Stdout, failing.Stderr));
            var script = await client.ExecAsync(node.Id, new ExecRequest { Command = ["sh"], Stdin = "echo $((6*7)) read from stdin in $(hostname)\n"u8.ToArray() });
            Assert.Equal(0, (await client.WaitAsync(node.Id, script.Id)).ExitCode);
            await using (var output = await client.AttachAsync(node.Id, script.Id, replay: true))
                Assert.Equal("42 read from stdin in vm1\n", await TerminalOutput.ReadUntilAsync(output, marker: null, TimeSpan.FromSeconds(30)));
            Assert.DoesNotContain(script.Pid, new int?[] { null, qemu }); // the guest kernel's pid, nothing of the host's

            // The boot, timed live after the container's start-up steps: console, kernel to /init, shell, agent.
            string[] bootSteps = ["QEMU started the machine; first byte on the guest's console", "guest kernel initialised itself and ran /init",
                "guest init: modules, hostname, a shell on the console", "guest agent answered (exec works)"];
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            IReadOnlyList<StartupStepDto> steps;
            while ((steps = (await client.GetSandboxAsync(node.Id)).Startup).Count(s => bootSteps.Contains(s.Name)) < bootSteps.Length
                   && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Equal(bootSteps, steps.Where(s => bootSteps.Contains(s.Name)).Select(s => s.Name));
            Assert.Equal(steps.Count - bootSteps.Length, steps.TakeWhile(s => !bootSteps.Contains(s.Name)).Count()); // after the container's own
            Assert.All(steps, s => Assert.True(s.Milliseconds >= 0, s.ToString()));

            // What the guest cannot run is the caller's mistake, in the guest's words; a terminal is the console's alone.
            var missing = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ExecAsync(node.Id, new ExecRequest { Command = ["no-such-program"] }));
            Assert.Equal(400, missing.Status);
            Assert.Contains("no-such-program: No such file or directory", missing.Detail);
            var tty = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.ExecAsync(node.Id, new ExecRequest { Command = ["sh"], Tty = true }));
            Assert.Equal(409, tty.Status);
            Assert.Contains("console", tty.Detail);
        }
        finally
        {
            await client.RemoveSandboxAsync(node.Id, force: true);
        }
        Assert.False(qemu is { } pid && Directory.Exists($"/proc/{pid}"), "QEMU outlived its node");
        Assert.False(Directory.Exists(SandboxCgroupFiles.CgroupDirectory("memory", node.CgroupPath)), "the node's cgroup is left");
    }

    [RootFact("root, an OCI runtime, user namespaces, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task Three_vm_nodes_booting_at_once_on_two_cores_all_reach_their_shell()
    {
        // Emulated guests on a busy host failed to measure their TSC against the PIT and then spun forever in the
        // delay-loop calibration (8 of 9 boots, three at once on two cores) until the daemon told them the rate.
        await VmImage.ImportAsync(fixture.Daemon);
        using var client = fixture.Daemon.Client();
        var nodes = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Kind = "vm", Image = "busybox", Name = $"busy{i}", Limits = new LimitsDto { Memory = "128m" },
        })));
        try
        {
            // An exec sent while the guest boots waits for its agent.
            var names = await Task.WhenAll(nodes.Select(node => client.ExecAsync(node.Id, "hostname")));
            Assert.Equal(["busy1", "busy2", "busy3"], names.Select(n => n.Stdout.Trim()));
            string[] boots = await Task.WhenAll(nodes.Select(async node =>
            {
                await using var console = await client.AttachAsync(node.Id, "init", replay: true);
                try { return await TerminalOutput.ReadUntilAsync(console, "clab-boot: shell", Boot); }
                catch (Xunit.Sdk.XunitException e) { throw new Xunit.Sdk.XunitException(e.Message + "\n" + await QemuStateAsync(client, node)); }
            }));
            foreach (string boot in boots)
                Assert.Contains("tsc_early_khz=", boot); // the rate was given: this host's cpuinfo or CPUID states it
        }
        finally
        {
            await Task.WhenAll(nodes.Select(node => client.RemoveSandboxAsync(node.Id, force: true)));
        }
    }

    [RootFact("root, an OCI runtime, user namespaces, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task A_guest_that_writes_garbage_into_the_agent_channel_gets_its_agent_back_and_breaks_nothing_else()
    {
        await VmImage.ImportAsync(fixture.Daemon);
        using var client = fixture.Daemon.Client();
        var node = await client.CreateSandboxAsync(new CreateSandboxRequest { Kind = "vm", Image = "busybox", Name = "hostile" });
        try
        {
            Assert.Equal(0, (await client.ExecAsync(node.Id, "true")).ExitCode);
            // Root in the guest kills the agent and writes a frame of a type the guest may not send, announcing 4 GiB.
            await using var console = await client.AttachAsync(node.Id, "init", replay: true);
            await TerminalOutput.ReadUntilAsync(console, "clab-boot: shell", Boot);
            await console.SendInputAsync(Encoding.ASCII.GetBytes(
                "until { kill -9 $(pidof clab-agent); printf 'Z\\0\\0\\0\\0\\377\\377\\377\\377' > /dev/vport0p1; } 2>/dev/null; do :; done; echo garbage-$((1+1))\n"));
            await TerminalOutput.ReadUntilAsync(console, "garbage-2", TimeSpan.FromSeconds(60));

            // The daemon closed that channel; QEMU connects again, the guest's init starts the agent again, and an exec
            // works once it said hello (an exec caught in between is a 409, in words).
            var deadline = DateTime.UtcNow + Boot;
            CommandResult? back = null;
            while (back is null)
            {
                try { back = await client.ExecAsync(node.Id, "echo", "back"); }
                catch (ContainerLabApiException e) when (e.Status == 409 && DateTime.UtcNow < deadline) { Assert.Contains("agent", e.Detail); }
            }
            Assert.Equal((0, "back\n"), (back.ExitCode, back.Stdout));
            Assert.Equal("running", (await client.GetSandboxAsync(node.Id)).State);
        }
        finally
        {
            await client.RemoveSandboxAsync(node.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime, user namespaces, qemu-system-x86, tc and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task A_vm_and_a_container_of_one_session_reach_each_other_by_name_and_the_guest_has_the_nodes_address()
    {
        await VmImage.ImportAsync(fixture.Daemon);
        using var client = fixture.Daemon.Client();
        var box = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Name = "box", Network = "session", Session = "mixed",
        });
        var guest = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Kind = "vm", Image = "busybox", Name = "guest", Network = "session", Session = "mixed",
        });
        try
        {
            Assert.NotNull(guest.Address);
            // The guest takes the node's address once its agent answers (the exec waits for the agent; the address follows).
            var deadline = DateTime.UtcNow + Boot;
            string addresses;
            do addresses = (await client.ShAsync(guest.Id, "ip -4 addr show dev eth0")).Stdout;
            while (!addresses.Contains($"inet {guest.Address}/24", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
            Assert.Contains($"inet {guest.Address}/24", addresses);
            Assert.DoesNotContain("default", (await client.ShAsync(guest.Id, "ip route")).Stdout); // the session's subnet, nothing beyond

            // Both ways, by name: the guest's /etc/hosts is the session's, the container's names the guest.
            var fromGuest = await client.ShAsync(guest.Id, "ping -c 1 -W 5 box");
            Assert.True(fromGuest.ExitCode == 0, fromGuest.ToString());
            var fromBox = await client.ShAsync(box.Id, "ping -c 1 -W 5 guest");
            Assert.True(fromBox.ExitCode == 0, fromBox.ToString());
            Assert.Contains(guest.Address!, fromBox.Stdout);
            // What answered is the guest's kernel: its neighbour table learnt the container from that ping.
            Assert.Contains(box.Address!, (await client.ShAsync(guest.Id, "ip neigh")).Stdout);
        }
        finally
        {
            await client.RemoveSandboxAsync(guest.Id, force: true);
            await client.RemoveSandboxAsync(box.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime, user namespaces, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task After_kill_9_of_the_daemon_with_a_vm_running_a_restart_leaves_no_qemu_cgroup_tap_or_file()
    {
        await using var daemon = new DaemonProcess();
        await daemon.StartAsync();
        await VmImage.ImportAsync(daemon);
        using (var client = daemon.Client())
        {
            var vm = await client.CreateSandboxAsync(new CreateSandboxRequest { Kind = "vm", Image = "busybox", Name = "orphan", Network = "session", Session = "crash" });
            Assert.Equal(0, (await client.ExecAsync(vm.Id, "true")).ExitCode); // booted: QEMU holds its tap, the agent its channel
        }
        await daemon.KillHardAsync();
        // QEMU may end with the daemon (its console, the pty the daemon held, hangs up: SIGHUP ends QEMU, as it ends a
        // container's interactive shell); its cgroup, mounts, disk and directory are left either way.
        var left = HostObjects.Count(daemon);
        Assert.True(left.Cgroups == 1 && left.SandboxDirectories == 1 && left.LoopDevices == 1, left.ToString());

        await daemon.StartAsync();
        var after = await HostObjects.SettledCountAsync(daemon);
        Assert.True(after.IsZero, after + "\n" + daemon.Log());
        Assert.DoesNotContain(HostProcesses.WithUidIn(daemon.IdBase, 64u * 65536u, includeZombies: true),
            pid => File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() == "qemu-system-x86");
    }

    [RootFact("root, an OCI runtime, user namespaces, qemu-system-x86 and the vm image (scripts/build-vm-image.sh --tar-only)")]
    public async Task Over_the_servers_vm_node_count_a_vm_is_refused_in_words_and_containers_still_start()
    {
        await using var daemon = new DaemonProcess(options: ["--max-vm-nodes", "1"]);
        await daemon.StartAsync();
        await VmImage.ImportAsync(daemon);
        using var client = daemon.Client();
        var first = await client.CreateSandboxAsync(new CreateSandboxRequest { Kind = "vm", Image = "busybox", Name = "only" });
        var info = await client.GetInfoAsync();
        Assert.Equal((1, 1), (info.VmNodes, info.MaxVmNodes));

        var refused = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
            client.CreateSandboxAsync(new CreateSandboxRequest { Kind = "vm", Image = "busybox", Name = "second" }));
        Assert.Equal(503, refused.Status);
        Assert.Contains("at most 1 VM nodes at once", refused.Detail);
        var container = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["true"] });
        await client.RemoveSandboxAsync(container.Id, force: true);

        await client.RemoveSandboxAsync(first.Id, force: true);
        var again = await client.CreateSandboxAsync(new CreateSandboxRequest { Kind = "vm", Image = "busybox", Name = "again" });
        await client.RemoveSandboxAsync(again.Id, force: true);
    }

    /// <summary>What a boot that never showed its shell was doing: QEMU's state and CPU time, the node's memory.</summary>
    private static async Task<string> QemuStateAsync(ContainerLabClient client, SandboxDto node)
    {
        var now = await client.GetSandboxAsync(node.Id);
        var said = new System.Text.StringBuilder($"node {now.State}, exit {now.ExitCode?.ToString() ?? "-"}");
        if (now.Pid is { } init && File.Exists($"/proc/{init}/task/{init}/children"))
            foreach (string child in File.ReadAllText($"/proc/{init}/task/{init}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] stat = File.ReadAllText($"/proc/{child}/stat").Split(") ")[1].Split(' ');
                said.Append($"; pid {child} state {stat[0]}, user {stat[11]} + system {stat[12]} ticks");
            }
        string memory = SandboxCgroupFiles.CgroupDirectory("memory", node.CgroupPath);
        foreach (string file in new[] { "memory.usage_in_bytes", "memory.max_usage_in_bytes", "memory.failcnt", "memory.current", "memory.peak", "memory.events" })
            if (File.Exists(Path.Combine(memory, file)))
                said.Append($"; {file} {File.ReadAllText(Path.Combine(memory, file)).Trim().Replace('\n', ' ')}");
        return said.ToString();
    }

    [RootFact("root and containerlabd")]
    public async Task A_vm_node_that_cannot_be_made_is_refused_in_words()
    {
        await VmImage.ImportAsync(fixture.Daemon);
        using var client = fixture.Daemon.Client();
        async Task<string> Refusal(CreateSandboxRequest request)
        {
            var e = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.CreateSandboxAsync(request));
            Assert.Equal(400, e.Status);
            return e.Detail;
        }
        Assert.Contains("at least 128 MiB", await Refusal(new() { Kind = "vm", Image = "busybox", Limits = new LimitsDto { Memory = "64m" } }));
        Assert.Contains("no guest build", await Refusal(new() { Kind = "vm", Image = "debian" }));
        Assert.Contains("takes no command", await Refusal(new() { Kind = "vm", Image = "busybox", Command = ["sh"] }));
        Assert.Contains("unknown kind 'vmm'", await Refusal(new() { Kind = "vmm", Image = "busybox" }));
        Assert.Empty(await client.ListSandboxesAsync());
    }

    private static string ReadLink(string path) => new FileInfo(path).LinkTarget ?? "";
}

/// <summary>
/// VM boots keep a core busy for seconds each (three at once in one test): run alone, after the other classes, so that
/// neither they nor the tests beside them are timed on a machine they saturate.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VmBoots
{
    public const string Name = "VM boots, alone";
}
