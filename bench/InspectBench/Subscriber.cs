using System.Diagnostics;
using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Bench.InspectBench;

/// <summary>
/// One sandbox's change stream read in the background (<see cref="ContainerLabClient.WatchAsync"/>), as the web holds one
/// per open lab page. A caller registers what it waits for before making the change, then gets the Stopwatch timestamp
/// at which the matching event arrived.
/// </summary>
internal sealed class Subscriber : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Func<SandboxEventDto, bool> Match, TaskCompletionSource<long> Arrived)> _waiting = [];
    /// <summary>Every event but usage, with its arrival, so a wait can also match what came before it was registered.</summary>
    private readonly List<(long At, SandboxEventDto Event)> _history = [];
    private readonly Task _reading;
    private Exception? _failure;

    public Subscriber(ContainerLabClient client, string sandboxId)
    {
        SandboxId = sandboxId;
        _reading = Task.Run(() => ReadAsync(client));
    }

    public string SandboxId { get; }

    /// <summary>The stream's first event (usage, sent at once): from then on the daemon watches the sandbox.</summary>
    public Task Started => _first.Task;

    private async Task ReadAsync(ContainerLabClient client)
    {
        try
        {
            await foreach (var change in client.WatchAsync(SandboxId, _stop.Token))
            {
                long at = Stopwatch.GetTimestamp();
                _first.TrySetResult();
                lock (_waiting)
                {
                    if (change.Type != SandboxEventTypes.Usage)
                        _history.Add((at, change));
                    for (int i = _waiting.Count - 1; i >= 0; i--)
                    {
                        if (_waiting[i].Match(change))
                        {
                            _waiting[i].Arrived.TrySetResult(at);
                            _waiting.RemoveAt(i);
                        }
                    }
                }
            }
            Fail(new InvalidOperationException($"the change stream of {SandboxId} ended"));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        _first.TrySetException(e);
        lock (_waiting)
        {
            _failure = e;
            foreach (var (_, arrived) in _waiting)
                arrived.TrySetException(e);
            _waiting.Clear();
        }
    }

    /// <summary>A point in this stream's history, for <see cref="Expect"/>: take it before making a change.</summary>
    public int Mark()
    {
        lock (_waiting)
            return _history.Count;
    }

    /// <summary>
    /// The arrival of the first event since <paramref name="mark"/> that <paramref name="match"/>es, one that already came
    /// or the next one; fails after 10 s.
    /// </summary>
    public Task<long> Expect(int mark, Func<SandboxEventDto, bool> match)
    {
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            for (int i = mark; i < _history.Count; i++)
            {
                if (match(_history[i].Event))
                    return Task.FromResult(_history[i].At);
            }
            if (_failure is not null)
                arrived.SetException(_failure);
            else
                _waiting.Add((match, arrived));
        }
        return arrived.Task.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _reading; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    /// <summary>One subscriber per sandbox, each started (its first event arrived) before this returns.</summary>
    public static async Task<List<Subscriber>> OpenAllAsync(ContainerLabClient client, IEnumerable<string> sandboxIds)
    {
        var subscribers = sandboxIds.Select(id => new Subscriber(client, id)).ToList();
        await Task.WhenAll(subscribers.Select(s => s.Started)).WaitAsync(Patience);
        return subscribers;
    }

    public static async Task CloseAllAsync(IEnumerable<Subscriber> subscribers)
    {
        foreach (var subscriber in subscribers)
            await subscriber.DisposeAsync();
    }
}
