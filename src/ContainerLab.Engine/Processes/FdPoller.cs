using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ContainerLab.Engine.Processes;

/// <summary>
/// One epoll thread that tells when file descriptors become readable: pty masters, pipes and pidfds
/// (a pidfd turns readable when its process exits). Each wait is one-shot (EPOLLONESHOT), so a reader
/// that stops asking — because its client lags — stops reading, which is how back-pressure reaches the pty.
/// One thread for every sandbox instead of one blocked thread per stream.
/// </summary>
public sealed class FdPoller : IDisposable
{
    private readonly int _epollFd;
    private readonly Thread _thread;
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource> _waiters = new();
    private long _nextToken;
    private volatile bool _disposed;

    public static FdPoller Shared { get; } = new();

    public FdPoller()
    {
        _epollFd = Interop.Check(() => Interop.Libc.EpollCreate1(Interop.Libc.EPOLL_CLOEXEC), "epoll_create1");
        _thread = new Thread(Loop) { IsBackground = true, Name = "containerlab-fd-poller" };
        _thread.Start();
    }

    /// <summary>Completes when <paramref name="fd"/> is readable, hung up or in error (the caller's read tells which).</summary>
    public Task WaitReadableAsync(SafeHandle fd, CancellationToken cancellationToken = default) =>
        WaitAsync(fd, Interop.Libc.EPOLLIN, cancellationToken);

    /// <summary>Completes when <paramref name="fd"/> can be written without blocking, or is in error.</summary>
    public Task WaitWritableAsync(SafeHandle fd, CancellationToken cancellationToken = default) =>
        WaitAsync(fd, Interop.Libc.EPOLLOUT, cancellationToken);

    private async Task WaitAsync(SafeHandle fd, uint events, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ulong token = (ulong)Interlocked.Increment(ref _nextToken);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[token] = ready;
        bool added = false;
        fd.DangerousAddRef(ref added);
        int fdNumber = (int)fd.DangerousGetHandle();
        try
        {
            Arm(fdNumber, token, events);
            using (cancellationToken.Register(() => ready.TrySetCanceled(cancellationToken)))
                await ready.Task.ConfigureAwait(false);
        }
        finally
        {
            _waiters.TryRemove(token, out _);
            if (!ready.Task.IsCompletedSuccessfully)
                Disarm(fdNumber);
            if (added)
                fd.DangerousRelease();
        }
    }

    private void Arm(int fd, ulong token, uint events)
    {
        var ev = new Interop.Libc.EpollEvent { Events = events | Interop.Libc.EPOLLONESHOT, Data = token };
        // A one-shot registration stays in the set, disarmed, after it fired: re-arm it with MOD.
        if (Interop.Answer(Interop.Libc.EpollCtl(_epollFd, Interop.Libc.EPOLL_CTL_ADD, fd, ref ev), "epoll_ctl(ADD)", null, Interop.EEXIST) == 0)
            return;
        Interop.Check(() => Interop.Libc.EpollCtl(_epollFd, Interop.Libc.EPOLL_CTL_MOD, fd, ref ev), "epoll_ctl(MOD)", $"fd {fd}");
    }

    private void Disarm(int fd)
    {
        var ev = default(Interop.Libc.EpollEvent);
        Interop.Libc.EpollCtl(_epollFd, Interop.Libc.EPOLL_CTL_DEL, fd, ref ev); // gone already is fine
    }

    private unsafe void Loop()
    {
        const int Capacity = 64;
        var events = stackalloc Interop.Libc.EpollEvent[Capacity];
        while (!_disposed)
        {
            // A timeout so Dispose is noticed without an extra wake-up fd.
            int count = Interop.Libc.EpollWait(_epollFd, events, Capacity, 500);
            if (count < 0)
            {
                // EINTR: a signal came; EBADF: Dispose closed the epoll fd while we waited.
                if (Interop.Answer(count, "epoll_wait", null, Interop.EINTR, Interop.EBADF) == Interop.EINTR)
                    continue;
                break;
            }
            for (int i = 0; i < count; i++)
            {
                if (_waiters.TryRemove(events[i].Data, out var waiter))
                    waiter.TrySetResult();
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        Interop.Libc.Close(_epollFd);
        foreach (var waiter in _waiters.Values)
            waiter.TrySetException(new ObjectDisposedException(nameof(FdPoller)));
    }
}
