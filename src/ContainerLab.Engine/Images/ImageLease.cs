namespace ContainerLab.Engine.Images;

/// <summary>
/// A sandbox's hold on the image it stands on, from create to removal (containerd calls this a lease). While it is
/// held the store keeps the image's layers, even after the name is deleted or imported again: the sandbox's overlay
/// has them as its lower directories, and deleting them would empty its `/`. Disposing releases it once and lets
/// the store collect layers nothing uses any more.
/// </summary>
public sealed class ImageLease : IDisposable
{
    private readonly Action<ImageLease> _release;
    private int _released;

    internal ImageLease(ImageRecord image, string holder, Action<ImageLease> release)
    {
        Image = image;
        Holder = holder;
        _release = release;
    }

    /// <summary>The image version the lease was taken on; a later import of the same name does not change it.</summary>
    public ImageRecord Image { get; }

    /// <summary>Who holds it, as a refused delete names it: "sandbox 'node1' (0123456789ab)".</summary>
    public string Holder { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            _release(this);
    }
}
