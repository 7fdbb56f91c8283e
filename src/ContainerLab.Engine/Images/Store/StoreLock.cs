using System.Collections.Concurrent;

namespace ContainerLab.Engine.Images.Store;

/// <summary>
/// Serializes changes to one store: a semaphore per root inside this process, then flock(LOCK_EX) on the lock
/// file (what .NET takes for FileShare.None) against other processes (clabctl, a second daemon by mistake).
/// Only commits and removals hold it; unpacking runs outside it in private staging directories.
/// </summary>
internal sealed class StoreLock(string lockFile)
{
    private const int SharingViolation = unchecked((int)0x80070020);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_inProcess = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _semaphore = s_inProcess.GetOrAdd(lockFile, _ => new SemaphoreSlim(1, 1));

    public async Task<IDisposable> AcquireAsync(CancellationToken ct)
    {
        await _semaphore.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (TryLockFile() is FileStream file)
                    return new Held(_semaphore, file);
                await Task.Delay(25, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            _semaphore.Release();
            throw;
        }
    }

    public IDisposable Acquire()
    {
        _semaphore.Wait();
        try
        {
            while (true)
            {
                if (TryLockFile() is FileStream file)
                    return new Held(_semaphore, file);
                Thread.Sleep(25);
            }
        }
        catch
        {
            _semaphore.Release();
            throw;
        }
    }

    private FileStream? TryLockFile()
    {
        try
        {
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e.HResult == SharingViolation)
        {
            return null; // another process holds it
        }
    }

    private sealed class Held(SemaphoreSlim semaphore, FileStream file) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            file.Dispose();
            semaphore.Release();
        }
    }
}
