using ContainerLab.Api.Contracts;
using ContainerLab.Web.Limits;
using ContainerLab.Web.Sessions;
using ContainerLab.Web.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace ContainerLab.Web.Tests.Limits;

public sealed class EffectiveLimitsCacheTests
{
    private const long MiB = 1L << 20;
    private readonly FakeSandboxHost _host = new();
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingLogger _log = new();

    private static LimitBoundsDto Daemon(long nodeMemoryMib) => new(
        new LimitsDto { MemoryBytes = 16 * MiB, Cpus = 0.05, Pids = 8, DiskBytes = 8 * MiB },
        new LimitsDto { MemoryBytes = nodeMemoryMib * MiB, Cpus = 2, Pids = 1024, DiskBytes = 512 * MiB },
        new LimitsDto { MemoryBytes = 1024 * MiB, Cpus = 2, Pids = 4096, DiskBytes = 1024 * MiB });

    private EffectiveLimitsCache Cache(WebOptions options) => new(_host, Microsoft.Extensions.Options.Options.Create(options), _time, _log);

    [Fact]
    public async Task Reads_the_daemon_once_per_minute_and_warns_once_per_answer()
    {
        _host.Bounds = Daemon(512);
        var cache = Cache(new WebOptions { MaxNodeMemory = "1g" });
        Assert.Equal(512 * MiB, (await cache.GetAsync(default)).Node.MemoryBytes);
        await cache.GetAsync(default);
        Assert.Equal(1, _host.BoundsReads);
        _time.Advance(EffectiveLimitsCache.Freshness);
        await cache.GetAsync(default);
        Assert.Equal(2, _host.BoundsReads);
        Assert.Single(_log.Warnings); // the same answer again: no second warning

        _host.Bounds = Daemon(256); // the daemon restarted with another ceiling
        _time.Advance(EffectiveLimitsCache.Freshness);
        Assert.Equal(256 * MiB, (await cache.GetAsync(default)).Node.MemoryBytes);
        Assert.Equal(2, _log.Warnings.Count);
        Assert.Contains("ContainerLab:MaxNodeMemory 1024 MiB is above the daemon's per-node ceiling of 256 MiB", _log.Warnings[1]);
    }

    [Fact]
    public async Task While_the_daemon_cannot_be_reached_the_webs_settings_apply_and_it_is_asked_again()
    {
        _host.Failure = new HttpRequestException("connection refused");
        var cache = Cache(new WebOptions { MaxNodeMemory = "384m" });
        Assert.Equal(384 * MiB, (await cache.GetAsync(default)).Node.MemoryBytes);
        _host.Failure = null;
        _host.Bounds = Daemon(256);
        Assert.Equal(256 * MiB, (await cache.GetAsync(default)).Node.MemoryBytes);
    }

    private sealed class RecordingLogger : ILogger<EffectiveLimitsCache>
    {
        public List<string> Warnings { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && eventId.Id == 301)
                Warnings.Add(formatter(state, exception));
        }
    }
}
