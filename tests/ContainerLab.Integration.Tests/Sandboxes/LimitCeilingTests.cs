using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Host;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;
using static ContainerLab.TestSupport.SandboxCgroupFiles;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>
/// The operator's ceilings (issue 8, defect 7), enforced by a real daemon on real cgroups: per node and per session,
/// at create and on live updates, refused with a 400 that speaks the caller's unit (MiB from the web, "64m" from
/// clabctl), leaving the cgroup as it was; within them an update lands in the cgroup.
/// </summary>
public sealed class LimitCeilingTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;

    /// <summary>A small class server: 512 MiB, 1 CPU and 512 pids per node; 768 MiB and 1.5 CPUs per session.</summary>
    private readonly DaemonProcess _daemon = new(options:
    [
        "--max-node-memory", "512m", "--max-node-cpus", "1", "--max-node-pids", "512",
        "--max-session-memory", "768MiB", "--max-session-cpus", "1.5",
    ]);

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;
    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [RootFact("root and cgroup controllers")]
    public async Task Info_shows_the_ceilings()
    {
        using var client = _daemon.Client();
        var limits = (await client.GetInfoAsync()).Limits!;
        Assert.Equal((512 * MiB, 1.0, 512), (limits.Node.MemoryBytes!.Value, limits.Node.Cpus!.Value, limits.Node.Pids!.Value));
        Assert.Equal((768 * MiB, 1.5), (limits.Session.MemoryBytes!.Value, limits.Session.Cpus!.Value));
        Assert.Equal(16 * MiB, limits.Floor.MemoryBytes);
    }

    [RootFact("root and cgroup controllers")]
    public async Task An_update_above_the_node_ceiling_is_a_400_in_the_callers_unit_and_the_cgroup_keeps_its_limit()
    {
        using var client = _daemon.Client();
        var sandbox = await CreateAsync(client, session: null);
        try
        {
            // The student: 256 MiB / 1 CPU / 256 pids raised to 4096 MiB / 2 CPUs / 4096 pids, as the web sends it.
            await AssertRefusedAsync(client, sandbox.Id, new UpdateLimitsRequest { Memory = "4096MiB", Cpus = 1 },
                "memory 4096 MiB is above this server's per-node ceiling of 512 MiB");
            await AssertRefusedAsync(client, sandbox.Id, new UpdateLimitsRequest { Cpus = 2 }, "cpus 2 is above this server's per-node ceiling of 1");
            await AssertRefusedAsync(client, sandbox.Id, new UpdateLimitsRequest { Pids = 4096 }, "pids 4096 is above this server's per-node ceiling of 512");

            // clabctl sends what was typed.
            var cli = await Clabctl.RunAsync(_daemon, TimeSpan.FromSeconds(30), "update", "--memory", "8g", sandbox.Id);
            Assert.NotEqual(0, cli.ExitCode);
            Assert.Contains("memory 8g is above this server's per-node ceiling of 0.5g", cli.Stderr + cli.Stdout);

            AssertCgroupHas(sandbox.CgroupPath, 256 * MiB, 100_000, "256");
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root and cgroup controllers")]
    public async Task An_update_that_takes_the_session_above_its_ceiling_is_a_400_and_changes_nothing()
    {
        using var client = _daemon.Client();
        string session = "s" + Guid.NewGuid().ToString("N")[..8];
        var first = await CreateAsync(client, session);
        var second = await CreateAsync(client, session, cpus: 0.5);
        try
        {
            // Within both ceilings: lands in the real cgroup (256 + 512 = 768 MiB, 1 + 0.5 = 1.5 CPUs).
            var raised = await client.UpdateLimitsAsync(second.Id, new UpdateLimitsRequest { Memory = "512MiB" });
            Assert.Equal(512 * MiB, raised.Limits.MemoryBytes);
            AssertCgroupHas(second.CgroupPath, 512 * MiB, 50_000, "256");

            await AssertRefusedAsync(client, first.Id, new UpdateLimitsRequest { Memory = "300MiB" },
                $"memory 300 MiB would take session '{session}' to 812 MiB, above this server's per-session ceiling of 768 MiB");
            await AssertRefusedAsync(client, second.Id, new UpdateLimitsRequest { Cpus = 0.75 },
                $"cpus 0.75 would take session '{session}' to 1.75, above this server's per-session ceiling of 1.5");
            AssertCgroupHas(first.CgroupPath, 256 * MiB, 100_000, "256");
            AssertCgroupHas(second.CgroupPath, 512 * MiB, 50_000, "256");
        }
        finally
        {
            await client.RemoveSandboxAsync(first.Id, force: true);
            await client.RemoveSandboxAsync(second.Id, force: true);
        }
    }

    [RootFact("root and cgroup controllers")]
    public async Task A_create_above_the_ceilings_is_refused_the_same_way_and_leaves_nothing()
    {
        using var client = _daemon.Client();
        string session = "s" + Guid.NewGuid().ToString("N")[..8];
        int before = (await client.ListSandboxesAsync()).Count;

        var node = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Limits = new LimitsDto { Memory = "1g" },
        }));
        Assert.Equal((400, "memory 1g is above this server's per-node ceiling of 0.5g"), (node.Status, node.Detail));

        var first = await CreateAsync(client, session, memory: "384MiB");
        try
        {
            var total = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.CreateSandboxAsync(new CreateSandboxRequest
            {
                Image = "busybox", Command = ["sleep", "3600"], Session = session, Limits = new LimitsDto { Memory = "512MiB" },
            }));
            Assert.Equal((400, $"memory 512 MiB would take session '{session}' to 896 MiB, above this server's per-session ceiling of 768 MiB"),
                (total.Status, total.Detail));
            Assert.Equal(before + 1, (await client.ListSandboxesAsync()).Count);
        }
        finally
        {
            await client.RemoveSandboxAsync(first.Id, force: true);
        }
    }

    private static Task<SandboxDto> CreateAsync(ContainerLabClient client, string? session, string memory = "256MiB", double cpus = 1) =>
        client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Session = session,
            Limits = new LimitsDto { Memory = memory, Cpus = cpus, Pids = 256 },
        });

    private static async Task AssertRefusedAsync(ContainerLabClient client, string id, UpdateLimitsRequest request, string detail)
    {
        var e = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.UpdateLimitsAsync(id, request));
        Assert.Equal((400, detail), (e.Status, e.Detail));
    }

    private static void AssertCgroupHas(string cgroupPath, long memory, long cpuQuota, string pids)
    {
        Assert.Equal(memory, MemoryLimit(cgroupPath));
        Assert.Equal(cpuQuota, CpuQuota(cgroupPath));
        Assert.Equal(pids, ReadCgroupFile("pids", cgroupPath, "pids.max"));
    }
}

/// <summary>The update against a daemon with the default ceilings, which follow the machine's size.</summary>
public sealed class DefaultLimitCeilingTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [RootFact("root and cgroup controllers")]
    public async Task A_node_gets_at_most_the_hosts_cores_and_an_eighth_of_its_memory()
    {
        var host = HostCapacity.Measure();
        long ceiling = Math.Max(256L << 20, host.MemoryBytes / 8 / (1 << 20) * (1 << 20));
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var e = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
                client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { MemoryBytes = ceiling + (1 << 20) }));
            Assert.Equal(400, e.Status);
            Assert.Contains("per-node ceiling", e.Detail);
            var cpus = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
                client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { Cpus = host.Cores + 1 }));
            Assert.Equal(400, cpus.Status);
            Assert.Equal(256L << 20, MemoryLimit(sandbox.CgroupPath));
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }
}
