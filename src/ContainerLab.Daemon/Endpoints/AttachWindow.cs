namespace ContainerLab.Daemon.Endpoints;

/// <summary>
/// The output an attach client allows in flight (attach?window=N): the sender waits while N bytes or more are
/// unacknowledged. The client acknowledges what it showed or dropped; the terminal's flushes also wake the sender,
/// whose waiting chunk the kernel has made stale.
/// </summary>
internal sealed class AttachWindow(long size) : IDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _changed = new(0);
    private long _unacknowledged;

    public long Unacknowledged
    {
        get { lock (_gate) return _unacknowledged; }
    }

    public void Sent(long bytes)
    {
        lock (_gate)
            _unacknowledged += bytes;
    }

    public void Acknowledge(long bytes)
    {
        lock (_gate)
            _unacknowledged -= Math.Clamp(bytes, 0, _unacknowledged); // a client cannot bank credit
        Wake();
    }

    public void Wake()
    {
        lock (_gate)
            if (_changed.CurrentCount == 0)
                _changed.Release();
    }

    /// <summary>False when <paramref name="stale"/> turned true before there was room: the chunk is not to be sent.</summary>
    public async Task<bool> WaitForRoomAsync(Func<bool> stale, CancellationToken cancellationToken)
    {
        while (Unacknowledged >= size)
        {
            if (stale())
                return false;
            await _changed.WaitAsync(cancellationToken);
        }
        return !stale();
    }

    public void Dispose() => _changed.Dispose();
}
