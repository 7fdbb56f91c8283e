using System.Threading.Channels;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;
using ContainerLab.Integration.Tests.Infrastructure;
using ContainerLab.TestSupport;

namespace ContainerLab.Integration.Tests.Inspection;

/// <summary>GET /v1/sandboxes/{id}/events through the real daemon: each kind of change a student makes is pushed.</summary>
public sealed class ChangeStreamTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const long MiB = 1024 * 1024;
    private const string Requirement = "root, an OCI runtime, user namespaces and inotify";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Reads the stream in the background so the test can wait for the next event of a type.</summary>
    private sealed class Follower : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<SandboxEventDto> _events = Channel.CreateUnbounded<SandboxEventDto>();
        private readonly Task _reading;

        public Follower(ContainerLabClient client, string id) => _reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in client.WatchAsync(id, _stop.Token))
                    _events.Writer.TryWrite(change);
                _events.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _events.Writer.TryComplete(e);
            }
        });

        public async Task<SandboxEventDto> NextAsync(string type, Func<SandboxEventDto, bool>? where = null)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var seen = new List<string>();
            try
            {
                while (true)
                {
                    var change = await _events.Reader.ReadAsync(timeout.Token);
                    if (change.Type == type && (where is null || where(change)))
                        return change;
                    seen.Add(change.Type + (change.Paths is { } paths ? $"[{string.Join(' ', paths)}]" : ""));
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no '{type}' event within {Patience}; saw: {string.Join(", ", seen)}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try { await _reading; } catch (OperationCanceledException) { }
            _stop.Dispose();
        }
    }

    [RootFact(Requirement)]
    public async Task Processes_namespaces_files_limits_an_oom_kill_and_the_end_are_pushed()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest
        {
            Image = "busybox", Command = ["sleep", "3600"], Profile = "internals", Limits = new LimitsDto { MemoryBytes = 128 * MiB },
        });
        bool removed = false;
        await using var follower = new Follower(client, sandbox.Id);
        try
        {
            var usage = await follower.NextAsync(SandboxEventTypes.Usage);
            Assert.Equal(128 * MiB, usage.Cgroup!.MemoryLimitBytes);

            await client.ShAsync(sandbox.Id, "sleep 300 </dev/null >/dev/null 2>&1 &");
            var started = await follower.NextAsync(SandboxEventTypes.Processes, e => e.Started!.Count > 0);
            Assert.All(started.Started!, pid => Assert.NotEqual(sandbox.Pid, pid));

            await client.ShAsync(sandbox.Id, "(unshare -Urpf --mount-proc sleep 300 </dev/null >/dev/null 2>&1 &); sleep 0.3");
            await follower.NextAsync(SandboxEventTypes.Namespaces);

            await client.ShAsync(sandbox.Id, "echo x > /root/new");
            await follower.NextAsync(SandboxEventTypes.Files, e => e.Paths!.Contains("/root/new"));
            await client.ShAsync(sandbox.Id, "rm /bin/vi");
            await follower.NextAsync(SandboxEventTypes.Files, e => e.Paths!.Contains("/bin/vi")); // the whiteout made in the upper

            await client.UpdateLimitsAsync(sandbox.Id, new UpdateLimitsRequest { MemoryBytes = 32 * MiB });
            var limits = await follower.NextAsync(SandboxEventTypes.Limits);
            Assert.Equal(32 * MiB, limits.Cgroup!.MemoryLimitBytes);

            await client.ShAsync(sandbox.Id, "head -c 100m /dev/zero | tail > /dev/null");
            var oom = await follower.NextAsync(SandboxEventTypes.OomKill);
            Assert.True(oom.Cgroup!.OomKills >= 1);

            await client.RemoveSandboxAsync(sandbox.Id, force: true);
            removed = true;
            await follower.NextAsync(SandboxEventTypes.Ended);
        }
        finally
        {
            if (!removed)
                await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }

    [RootFact(Requirement)]
    public async Task An_unknown_sandbox_is_a_404_before_any_event()
    {
        using var client = fixture.Daemon.Client();
        var error = await Assert.ThrowsAsync<ContainerLabApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync("0123456789ab")) { }
        });
        Assert.Equal(404, error.Status);
    }

    [RootFact(Requirement)]
    public async Task Two_subscribers_of_one_sandbox_both_get_its_change()
    {
        using var client = fixture.Daemon.Client();
        var sandbox = await client.CreateSandboxAsync(new CreateSandboxRequest { Image = "busybox", Command = ["sleep", "3600"] });
        try
        {
            await using var first = new Follower(client, sandbox.Id);
            await using var second = new Follower(client, sandbox.Id);
            await first.NextAsync(SandboxEventTypes.Usage);
            await second.NextAsync(SandboxEventTypes.Usage);
            // Watched once however many subscribe; GET /v1/info counts the loop's work.
            var changes = (await client.GetInfoAsync()).ChangeStream!;
            Assert.True(changes.Watched >= 1 && changes.Ticks > 0 && changes.SandboxTicks > 0 && changes.BusyMilliseconds > 0 && changes.BusyCpuMilliseconds >= 0,
                changes.ToString());
            await client.ShAsync(sandbox.Id, "touch /both");
            await first.NextAsync(SandboxEventTypes.Files, e => e.Paths!.Contains("/both"));
            await second.NextAsync(SandboxEventTypes.Files, e => e.Paths!.Contains("/both"));
        }
        finally
        {
            await client.RemoveSandboxAsync(sandbox.Id, force: true);
        }
    }
}
