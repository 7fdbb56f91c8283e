using System.Net;
using System.Text;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;
using static ContainerLab.TestSupport.SandboxCgroupFiles;

namespace ContainerLab.Integration.Tests.Sandboxes;

/// <summary>
/// PATCH /v1/sandboxes/{id}/limits changes a running sandbox's memory, pids and CPU limits through the runtime's
/// `update`: the host's cgroup files and GET agree afterwards, a lowered memory limit OOM-kills a hog inside the
/// sandbox, and out-of-bounds or ill-timed requests change nothing. Run once per runtime (subclasses below).
/// </summary>
public abstract class LiveLimitScenarios
{
    private const long MiB = 1024 * 1024;

    protected abstract DaemonProcess Daemon { get; }

    [RootFact("root and cgroup controllers")]
    public async Task Lowering_memory_lands_in_the_cgroup_and_a_hog_is_oom_killed_while_the_shell_survives()
    {
        using var client = Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Limits = new LimitsDto { MemoryBytes = 256 * MiB },
        });
        try
        {
            Assert.Equal(256 * MiB, MemoryLimit(sandbox.CgroupPath));

            var updated = await client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { MemoryBytes = 32 * MiB });
            Assert.Equal(32 * MiB, updated.Limits.MemoryBytes);
            Assert.Equal(32 * MiB, (await client.GetSandboxAsync(sandbox.Id)).Limits.MemoryBytes);
            Assert.Equal(32 * MiB, MemoryLimit(sandbox.CgroupPath));
            Assert.Equal(32 * MiB, MemorySwapLimit(sandbox.CgroupPath) ?? 32 * MiB); // v1 memsw: still no swap

            // 100 MiB do not fit in 32 MiB: the hog is OOM-killed inside the sandbox's memcg, its shell lives on.
            var result = await client.ShAsync(sandbox.Id, $"{MemoryHog.Command("100m")}; echo hog-exit=$?; echo shell-alive");
            Assert.True(result.Stdout.Contains("hog-exit=137", StringComparison.Ordinal), result.ToString());
            Assert.Contains("shell-alive", result.Stdout);
            Assert.Equal(0, result.ExitCode);

            // Raising again: on v1 memsw must be raised before memory; the runtime orders the writes.
            await client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { MemoryBytes = 128 * MiB });
            Assert.Equal(128 * MiB, MemoryLimit(sandbox.CgroupPath));
            Assert.Equal(128 * MiB, MemorySwapLimit(sandbox.CgroupPath) ?? 128 * MiB);
            var fits = await client.ShAsync(sandbox.Id, "head -c 64m /dev/zero | tail > /dev/null; echo hog-exit=$?");
            Assert.Contains("hog-exit=0", fits.Stdout);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root and cgroup controllers")]
    public async Task Raising_pids_and_cpus_lands_in_the_cgroup_and_leaves_memory_alone()
    {
        using var client = Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Limits = new LimitsDto { MemoryBytes = 96 * MiB, Pids = 64, Cpus = 0.5 },
        });
        try
        {
            Assert.Equal("64", ReadCgroupFile("pids", sandbox.CgroupPath, "pids.max"));
            Assert.Equal(50_000, CpuQuota(sandbox.CgroupPath));

            var updated = await client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { Pids = 512, Cpus = 1.5 });
            Assert.Equal(512, updated.Limits.Pids);
            Assert.Equal(1.5, updated.Limits.Cpus);
            Assert.Equal(96 * MiB, updated.Limits.MemoryBytes);
            Assert.Equal("512", ReadCgroupFile("pids", sandbox.CgroupPath, "pids.max"));
            Assert.Equal(150_000, CpuQuota(sandbox.CgroupPath));
            Assert.Equal(96 * MiB, MemoryLimit(sandbox.CgroupPath));
            var info = await client.GetSandboxAsync(sandbox.Id);
            Assert.Equal((512, 1.5), (info.Limits.Pids, info.Limits.Cpus));
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root and cgroup controllers")]
    public async Task Out_of_bounds_or_unknown_values_are_a_400_and_change_nothing()
    {
        using var client = Daemon.Client();
        using var http = new HttpClient(UnixSocketHandler.Create(Daemon.SocketPath)) { BaseAddress = new Uri("http://containerlabd/") };
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Limits = new LimitsDto { MemoryBytes = 64 * MiB, Pids = 64, Cpus = 1 },
        });
        try
        {
            UpdateLimitsRequest[] refused =
            [
                new() { MemoryBytes = 1 * MiB },
                new() { MemoryBytes = 64 * MiB * 1024 },
                new() { Pids = 1 },
                new() { Pids = 1_000_000 },
                new() { Cpus = 0.001 },
                new() { Cpus = 64 },
                new() { MemoryBytes = 32 * MiB, Pids = 0 }, // one bad value refuses the whole request
                new(),
            ];
            foreach (var request in refused)
            {
                var e = await Assert.ThrowsAsync<ContainerLabApiException>(() => client.UpdateLimitsAsync(sandbox.Id, request));
                Assert.Equal(400, e.Status);
            }
            foreach (string body in new[] { "{\"memroy\": 33554432}", "{\"memoryBytes\": \"lots\"}" })
            {
                using var response = await http.PatchAsync($"v1/sandboxes/{sandbox.Id}/limits", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            }

            var info = await client.GetSandboxAsync(sandbox.Id);
            Assert.Equal((64 * MiB, 64, 1.0), (info.Limits.MemoryBytes!.Value, info.Limits.Pids!.Value, info.Limits.Cpus!.Value));
            Assert.Equal(64 * MiB, MemoryLimit(sandbox.CgroupPath));
            Assert.Equal("64", ReadCgroupFile("pids", sandbox.CgroupPath, "pids.max"));
            Assert.Equal(100_000, CpuQuota(sandbox.CgroupPath));
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root and cgroup controllers")]
    public async Task An_exited_sandbox_is_a_409()
    {
        using var client = Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["true"] });
        try
        {
            await client.WaitAsync(sandbox.Id, "init");
            var e = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
                client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { MemoryBytes = 32 * MiB }));
            Assert.Equal(409, e.Status);
            Assert.Equal(SandboxLimitsDefaultMemory, (await client.GetSandboxAsync(sandbox.Id)).Limits.MemoryBytes);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    private const long SandboxLimitsDefaultMemory = 256 * MiB;
}

/// <summary>Live limit changes with the default runtime (crun here, in its hybrid-host wrapper).</summary>
public sealed class LiveLimitTests(DaemonFixture fixture) : LiveLimitScenarios, IClassFixture<DaemonFixture>
{
    protected override DaemonProcess Daemon => fixture.Daemon;
}

/// <summary>The same with runc.</summary>
public sealed class LiveLimitRuncTests : LiveLimitScenarios, IAsyncLifetime
{
    private readonly DaemonProcess _daemon = new(runtime: "runc");

    protected override DaemonProcess Daemon => _daemon;
    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;
    public async Task DisposeAsync() => await _daemon.DisposeAsync();
}
