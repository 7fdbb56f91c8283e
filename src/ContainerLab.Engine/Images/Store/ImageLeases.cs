using System.Collections.Concurrent;
using ContainerLab.Engine.Images.Formats;

namespace ContainerLab.Engine.Images.Store;

/// <summary>
/// The leases held on one store in this process. One registry per store root (like <see cref="StoreLock"/>'s
/// semaphore), so two ImageStore objects on the same root never collect each other's leased layers. Leases live in
/// memory only: after a restart the daemon removes every sandbox anyway, and the store collects what they held.
/// Taking a lease reads the image record under this registry's gate, and a delete checks the leases and removes the
/// record under the same gate, so a sandbox either leases the image before the delete (which then sees it) or does
/// not find it.
/// </summary>
internal sealed class ImageLeases
{
    private static readonly ConcurrentDictionary<string, ImageLeases> s_byRoot = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<ImageLease> _held = [];

    public static ImageLeases For(string storeRoot) => s_byRoot.GetOrAdd(storeRoot, _ => new ImageLeases());

    /// <summary>Leases the image <paramref name="load"/> reads, or returns null when there is none.</summary>
    public ImageLease? TryTake(Func<ImageRecord?> load, string holder, Action<ImageLease> release)
    {
        lock (_gate)
        {
            if (load() is not ImageRecord image)
                return null;
            var lease = new ImageLease(image, holder, release);
            _held.Add(lease);
            return lease;
        }
    }

    public void Remove(ImageLease lease)
    {
        lock (_gate)
            _held.Remove(lease);
    }

    /// <summary>Runs <paramref name="change"/> with no lease taken or given back meanwhile.</summary>
    public void Exclusive(Action<IReadOnlyList<ImageLease>> change)
    {
        lock (_gate)
            change(_held);
    }

    /// <summary>Hex diff ids of every leased layer: the garbage collector keeps them.</summary>
    public IReadOnlySet<string> LayersInUse()
    {
        lock (_gate)
            return _held.SelectMany(l => l.Image.Layers).Select(l => Digests.Hex(l.DiffId)).ToHashSet(StringComparer.Ordinal);
    }
}
