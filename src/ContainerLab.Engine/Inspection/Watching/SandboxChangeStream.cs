using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ContainerLab.Engine.Inspection.Watching;

/// <summary>
/// The change stream of every watched sandbox: one loop ticks every <see cref="TickInterval"/> over the sandboxes that
/// have at least one subscriber, and hands each subscriber the events of its sandbox. A sandbox nobody watches costs
/// nothing; one watched by several browser tabs is read once per tick. A subscriber that falls behind loses its oldest
/// events (each is a hint to read the inspection again, and usage is sent every second), never blocks the loop.
/// </summary>
public sealed class SandboxChangeStream : IAsyncDisposable
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan UsageInterval = TimeSpan.FromSeconds(1);
    private const int SubscriberCapacity = 256;

    private readonly Func<string, SandboxWatcher> _openWatcher;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Watched> _watched = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _ticks;
    private long _sandboxTicks;
    private long _busyTimestampTicks;
    private long _busyCpuNanoseconds;

    internal SandboxChangeStream(Func<string, SandboxWatcher> openWatcher, TimeProvider? time = null)
    {
        _openWatcher = openWatcher;
        _time = time ?? TimeProvider.System;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Sandboxes with at least one subscriber now.</summary>
    public int WatchedCount { get { lock (_lock) return _watched.Count; } }

    /// <summary>Ticks, sandbox reads and busy wall and CPU time since this stream started (a few counters; no lock).</summary>
    public ChangeStreamStatistics Statistics => new(WatchedCount, Interlocked.Read(ref _ticks), Interlocked.Read(ref _sandboxTicks),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTimestampTicks)),
        TimeSpan.FromTicks(Interlocked.Read(ref _busyCpuNanoseconds) / 100));

    internal static int TicksPerUsage => (int)(UsageInterval / TickInterval);

    /// <summary>
    /// The events of <paramref name="sandboxId"/> (an id, resolved by the caller) from now on: a usage event at once,
    /// then every change. Ends after <see cref="SandboxEventKind.Ended"/> or when <paramref name="cancellationToken"/> fires.
    /// </summary>
    internal async IAsyncEnumerable<SandboxEvent> SubscribeAsync(string sandboxId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<SandboxEvent>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true,
        });
        Add(sandboxId, channel);
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return change;
        }
        finally
        {
            Remove(sandboxId, channel);
        }
    }

    private void Add(string sandboxId, Channel<SandboxEvent> channel)
    {
        lock (_lock)
        {
            if (!_watched.TryGetValue(sandboxId, out var watched))
                _watched[sandboxId] = watched = new Watched(_openWatcher(sandboxId));
            watched.Subscribers.Add(channel);
            watched.NewSubscribers = true;
        }
    }

    private void Remove(string sandboxId, Channel<SandboxEvent> channel)
    {
        lock (_lock)
        {
            if (!_watched.TryGetValue(sandboxId, out var watched))
                return;
            watched.Subscribers.Remove(channel);
            if (watched.Subscribers.Count > 0)
                return;
            _watched.Remove(sandboxId);
            watched.Watcher.Dispose();
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
                TickAll();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
    }

    /// <summary>One tick over every watched sandbox (the loop's body; tests call it directly).</summary>
    internal void TickAll()
    {
        long started = Stopwatch.GetTimestamp();
        long startedCpu = Interop.ThreadCpuNanoseconds(); // TickAll is synchronous: it ends on the thread it started on
        Watched[] watched;
        lock (_lock)
            watched = [.. _watched.Values];
        var now = _time.GetUtcNow();
        foreach (var entry in watched)
        {
            IReadOnlyList<SandboxEvent> events;
            List<Channel<SandboxEvent>> subscribers;
            lock (_lock)
            {
                if (entry.Watcher.Ended && entry.Subscribers.Count == 0)
                    continue;
                events = TickOne(entry.Watcher, now);
                if (entry.NewSubscribers && !events.Any(e => e.Kind == SandboxEventKind.Usage) && entry.Watcher.LastCgroup is { } cgroup)
                    events = [.. events, new SandboxEvent(SandboxEventKind.Usage, now, cgroup)]; // a new subscriber starts with the usage now
                entry.NewSubscribers = false;
                subscribers = [.. entry.Subscribers];
            }
            foreach (var subscriber in subscribers)
            {
                foreach (var change in events)
                    subscriber.Writer.TryWrite(change);
                if (entry.Watcher.Ended)
                    subscriber.Writer.TryComplete();
            }
        }
        Interlocked.Increment(ref _ticks);
        Interlocked.Add(ref _sandboxTicks, watched.Length);
        Interlocked.Add(ref _busyTimestampTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Add(ref _busyCpuNanoseconds, Interop.ThreadCpuNanoseconds() - startedCpu);
    }

    /// <summary>A tick that fails (a cgroup removed between two reads, say) is skipped: the next one reads again.</summary>
    private static IReadOnlyList<SandboxEvent> TickOne(SandboxWatcher watcher, DateTimeOffset now)
    {
        try
        {
            return watcher.Tick(now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Errors.ContainerLabException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var watched in _watched.Values)
            {
                foreach (var subscriber in watched.Subscribers)
                    subscriber.Writer.TryComplete();
                watched.Watcher.Dispose();
            }
            _watched.Clear();
        }
        _stopping.Dispose();
    }

    private sealed class Watched(SandboxWatcher watcher)
    {
        public SandboxWatcher Watcher { get; } = watcher;
        public List<Channel<SandboxEvent>> Subscribers { get; } = [];
        public bool NewSubscribers { get; set; }
    }
}
