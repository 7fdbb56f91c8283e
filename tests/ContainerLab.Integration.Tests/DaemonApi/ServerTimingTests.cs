using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;
using Xunit.Abstractions;
using static ContainerLab.TestSupport.SandboxCgroupFiles;

namespace ContainerLab.Integration.Tests.DaemonApi;

/// <summary>
/// A create, a start and a limit change answer with a Server-Timing header (docs/API.md "Server-Timing"): what
/// containerlabd spent inside, the OCI runtime processes it ran and the kernel work it did or read, each part within
/// the whole and the whole within the client's round trip.
/// </summary>
public sealed class ServerTimingTests(DaemonFixture fixture, ITestOutputHelper output) : IClassFixture<DaemonFixture>
{
    private const long MiB = 1024 * 1024;

    /// <summary>crun on a hybrid host whose unified mount has controllers runs in the wrapper (OciRuntimeSelector's rule).</summary>
    private static bool Wrapped(string runtime) =>
        runtime == "crun" && File.Exists("/sys/fs/cgroup/unified/cgroup.controllers")
        && File.ReadAllText("/sys/fs/cgroup/unified/cgroup.controllers").Trim().Length > 0;

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task A_create_says_what_the_daemon_the_runtime_and_the_overlay_mount_took()
    {
        using var client = fixture.Daemon.Client();
        var created = await client.CreateSandboxTracedAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var timing = created.Timing;
            Log("create", timing);
            var (daemon, runtime, kernel) = Parts(timing);
            string wrapper = Wrapped(created.Value.Runtime) ? " (in the cgroup v1 wrapper)" : "";
            Assert.Equal("containerlabd", daemon.Description);
            Assert.Equal($"{created.Value.Runtime} run --detach{wrapper}", runtime.Description);
            Assert.NotNull(kernel);
            Assert.Matches(@"^overlay mounted by containerlabd: 1 idmapped layer \+ writable ext4$", kernel.Description); // busybox: one layer
            Assert.All([daemon, runtime, kernel], m => Assert.True(m.DurationMs > 0, $"{m.Name} {m.DurationMs}"));
            Assert.True(daemon.DurationMs >= runtime.DurationMs + kernel.DurationMs, Describe(timing));
            Assert.True(timing.RoundTripMs >= daemon.DurationMs, Describe(timing));
            // The same mount the sandbox's own startup steps show.
            Assert.Contains(created.Value.Startup, s => s.Name.StartsWith("overlay mounted", StringComparison.Ordinal) && s.Milliseconds == kernel.DurationMs);
        }
        finally
        {
            await client.RemoveSandboxAsync(created.Value.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and user namespaces")]
    public async Task A_create_then_a_start_each_name_their_runtime_call_and_the_start_has_no_kernel_part()
    {
        using var client = fixture.Daemon.Client();
        using var http = new HttpClient(UnixSocketHandler.Create(fixture.Daemon.SocketPath)) { BaseAddress = new Uri("http://containerlabd/") };
        var created = await client.CreateSandboxTracedAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] }, start: false);
        try
        {
            Log("create (start=false)", created.Timing);
            string runtimeName = created.Value.Runtime;
            var (daemon, runtime, kernel) = Parts(created.Timing);
            Assert.Equal($"{runtimeName} create{(Wrapped(runtimeName) ? " (in the cgroup v1 wrapper)" : "")}", runtime.Description);
            Assert.NotNull(kernel);
            Assert.True(daemon.DurationMs >= runtime.DurationMs + kernel.DurationMs, Describe(created.Timing));

            var started = await StartTracedAsync(http, created.Value.Id);
            Log("start", started);
            (daemon, runtime, kernel) = Parts(started);
            // `start` only writes the exec fifo: never wrapped.
            Assert.Equal($"{runtimeName} start", runtime.Description);
            Assert.Null(kernel);
            Assert.True(runtime.DurationMs > 0 && daemon.DurationMs >= runtime.DurationMs, Describe(started));
            Assert.True(started.RoundTripMs >= daemon.DurationMs, Describe(started));
        }
        finally
        {
            await client.RemoveSandboxAsync(created.Value.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and cgroup controllers")]
    public async Task Lowering_memory_says_what_the_runtime_update_and_the_kernels_read_back_took()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Limits = new LimitsDto { MemoryBytes = 256 * MiB, Pids = 128, Cpus = 0.5 },
        });
        try
        {
            var updated = await client.UpdateLimitsTracedAsync(sandbox.Id, new UpdateLimitsRequest { MemoryBytes = 48 * MiB });
            Log("limit change", updated.Timing);
            Assert.Equal(48 * MiB, updated.Value.Limits.MemoryBytes);
            var (daemon, runtime, kernel) = Parts(updated.Timing);
            Assert.Equal($"{sandbox.Runtime} update{(Wrapped(sandbox.Runtime) ? " (in the cgroup v1 wrapper)" : "")}", runtime.Description);
            Assert.NotNull(kernel);
            // The kernel's values in this hierarchy's own file names, as the cgroup files hold them now.
            Assert.Equal(IsV1("memory")
                    ? $"memory.limit_in_bytes = 50331648, pids.max = 128, cpu.cfs_quota_us = 50000, cpu.cfs_period_us = 100000"
                    : "memory.max = 50331648, pids.max = 128, cpu.max = 50000 100000",
                kernel.Description);
            Assert.Equal(48 * MiB, MemoryLimit(sandbox.CgroupPath));
            Assert.All([daemon, runtime, kernel], m => Assert.True(m.DurationMs > 0, $"{m.Name} {m.DurationMs}"));
            Assert.True(daemon.DurationMs >= runtime.DurationMs + kernel.DurationMs, Describe(updated.Timing));
            Assert.True(updated.Timing.RoundTripMs >= daemon.DurationMs, Describe(updated.Timing));
            // What was asked is what the kernel holds: nothing to warn about.
            Assert.DoesNotContain("other limits than asked", fixture.Daemon.Log(), StringComparison.Ordinal);
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact("root, an OCI runtime and cgroup controllers")]
    public async Task A_refused_limit_change_is_still_its_problem_json_and_ran_no_runtime()
    {
        using var client = fixture.Daemon.Client();
        using var http = new HttpClient(UnixSocketHandler.Create(fixture.Daemon.SocketPath)) { BaseAddress = new Uri("http://containerlabd/") };
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            var e = await Assert.ThrowsAsync<ContainerLabApiException>(() =>
                client.UpdateLimitsTracedAsync(sandbox.Id, new UpdateLimitsRequest { Memory = "1TiB" }));
            Assert.Equal(400, e.Status);
            Assert.Contains("per-node ceiling", e.Detail, StringComparison.Ordinal);

            using var response = await http.PatchAsJsonAsync($"v1/sandboxes/{sandbox.Id}/limits", new UpdateLimitsRequest { Memory = "1TiB" },
                ApiJsonContext.Default.UpdateLimitsRequest);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Contains("is above this server's per-node ceiling", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            // Refused before the runtime ran: the daemon's own time only.
            var metrics = DaemonTiming.Parse(response.Headers.GetValues("Server-Timing"));
            Assert.Equal(["daemon"], metrics.Select(m => m.Name));
            Assert.Equal(256 * MiB, MemoryLimit(sandbox.CgroupPath));
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    /// <summary>POST /start and its timing (the typed client has no traced start).</summary>
    internal static async Task<DaemonTiming> StartTracedAsync(HttpClient http, string id)
    {
        long sent = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.PostAsync($"v1/sandboxes/{id}/start", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("running", (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.SandboxDto))!.State);
        return new DaemonTiming(System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalMilliseconds,
            DaemonTiming.Parse(response.Headers.GetValues("Server-Timing")));
    }

    internal static (ServerTimingMetric Daemon, ServerTimingMetric Runtime, ServerTimingMetric? Kernel) Parts(DaemonTiming timing)
    {
        var daemon = timing.Metric("daemon");
        var runtime = timing.Metric("runtime");
        Assert.True(daemon?.DurationMs > 0, Describe(timing));
        Assert.True(runtime?.DurationMs > 0, Describe(timing));
        return (daemon!, runtime!, timing.Metric("kernel"));
    }

    internal static string Describe(DaemonTiming timing) =>
        $"round trip {timing.RoundTripMs.ToString("0.000", CultureInfo.InvariantCulture)} ms; "
        + string.Join(", ", timing.Metrics.Select(m => $"{m.Name} {m.DurationMs?.ToString("0.000", CultureInfo.InvariantCulture)} ms \"{m.Description}\""));

    private void Log(string what, DaemonTiming timing) => output.WriteLine($"{what}: {Describe(timing)}");
}

/// <summary>With runc the metrics name runc, which never runs in the hybrid-host wrapper.</summary>
public sealed class ServerTimingRuncTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private readonly DaemonProcess _daemon = new(runtime: "runc");

    public Task InitializeAsync() => Environment.IsPrivilegedProcess || Requirements.InCi ? _daemon.StartAsync() : Task.CompletedTask;
    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    [RootFact("root, runc and cgroup controllers")]
    public async Task Create_start_and_a_limit_change_name_runc()
    {
        using var client = _daemon.Client();
        using var http = new HttpClient(UnixSocketHandler.Create(_daemon.SocketPath)) { BaseAddress = new Uri("http://containerlabd/") };
        var created = await client.CreateSandboxTracedAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] }, start: false);
        try
        {
            var started = await ServerTimingTests.StartTracedAsync(http, created.Value.Id);
            var updated = await client.UpdateLimitsTracedAsync(created.Value.Id, new UpdateLimitsRequest { MemoryBytes = 48 * MiB });
            foreach (var (what, timing) in new[] { ("create", created.Timing), ("start", started), ("limit change", updated.Timing) })
                output.WriteLine($"{what}: {ServerTimingTests.Describe(timing)}");

            Assert.Equal("runc create", ServerTimingTests.Parts(created.Timing).Runtime.Description);
            Assert.Equal("runc start", ServerTimingTests.Parts(started).Runtime.Description);
            var (daemon, runtime, kernel) = ServerTimingTests.Parts(updated.Timing);
            Assert.Equal("runc update", runtime.Description);
            Assert.Contains("= 50331648,", kernel?.Description, StringComparison.Ordinal);
            Assert.True(daemon.DurationMs >= runtime.DurationMs + kernel!.DurationMs, ServerTimingTests.Describe(updated.Timing));
        }
        finally
        {
            await client.RemoveSandboxAsync(created.Value.Id, force: true);
        }
    }
}
