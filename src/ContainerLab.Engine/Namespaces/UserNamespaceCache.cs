using System.Collections.Concurrent;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Processes;
using Microsoft.Win32.SafeHandles;

namespace ContainerLab.Engine.Namespaces;

/// <summary>
/// Holds one user namespace per id range, as an open /proc/PID/ns/user fd, for idmapped mounts
/// (mount_setattr MOUNT_ATTR_IDMAP takes a user namespace fd whose mapping is applied to the mount).
/// A multithreaded .NET process cannot unshare a user namespace itself, so a short-lived `unshare --user`
/// child creates it and the daemon, as root in the parent namespace, writes its uid/gid maps. The
/// namespace outlives the child while the fd is open, so each range costs one spawn per daemon lifetime.
/// </summary>
public sealed class UserNamespaceCache : IDisposable
{
    private readonly ConcurrentDictionary<IdRange, Lazy<Task<SafeFileHandle>>> _namespaces = new();

    /// <summary>An fd of a user namespace mapping 0..Count-1 onto <paramref name="range"/>.</summary>
    public Task<SafeFileHandle> GetAsync(IdRange range) =>
        _namespaces.GetOrAdd(range, r => new Lazy<Task<SafeFileHandle>>(() => CreateAsync(r))).Value;

    /// <summary>Starts creating the namespaces for <paramref name="ranges"/> in the background.</summary>
    public void Prewarm(IEnumerable<IdRange> ranges)
    {
        foreach (var range in ranges)
            _ = GetAsync(range).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    private static async Task<SafeFileHandle> CreateAsync(IdRange range)
    {
        string ownNamespace = Interop.ReadLink("/proc/self/ns/user") ?? "";
        using var holder = HostCommand.Start(["unshare", "--user", "--", "cat"], redirectInput: true);
        try
        {
            // Wait until unshare(2) happened in the child (its ns link differs from ours), then map it.
            string nsPath = $"/proc/{holder.Id}/ns/user";
            for (int attempt = 0; ; attempt++)
            {
                string? current = Interop.ReadLink(nsPath);
                if (current is not null && current != ownNamespace)
                    break;
                if (holder.HasExited || attempt > 2000)
                    throw new RuntimeCommandException("unshare --user", holder.HasExited ? holder.ExitCode : -1,
                        await holder.StandardError.ReadToEndAsync().ConfigureAwait(false));
                await Task.Delay(1).ConfigureAwait(false);
            }
            await File.WriteAllTextAsync($"/proc/{holder.Id}/uid_map", range.ToMapLine()).ConfigureAwait(false);
            await File.WriteAllTextAsync($"/proc/{holder.Id}/gid_map", range.ToMapLine()).ConfigureAwait(false);
            int fd = Interop.Check(() => Interop.Libc.Open(nsPath, Interop.O_RDONLY | Interop.O_CLOEXEC), "open", nsPath);
            return new SafeFileHandle(fd, ownsHandle: true);
        }
        finally
        {
            holder.StandardInput.Close(); // cat sees EOF and exits; the namespace lives on in our fd
            await holder.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var entry in _namespaces.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
                entry.Value.Result.Dispose();
        }
        _namespaces.Clear();
    }
}
