using ContainerLab.Web.Sandboxes;

namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>
/// How many sandboxes on this server use the node's image: overlayfs mounts the same unpacked image layers read-only
/// under every one of them (only the writable layer is each node's own), so they are shared that many times.
/// </summary>
/// <param name="Sandboxes">Running or created sandboxes with this image, this one included.</param>
public sealed record ImageShare(string Image, int Sandboxes)
{
    /// <summary>Reads the daemon's sandbox list; null when this sandbox is not in it.</summary>
    public static async Task<ImageShare?> ReadAsync(ISandboxHost host, string sandboxId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var sandboxes = await host.ListAsync(cancellationToken);
        var me = sandboxes.FirstOrDefault(s => s.Id == sandboxId);
        if (me is null)
            return null;
        return new ImageShare(me.Image, sandboxes.Count(s => s.Image == me.Image && s.State != "exited"));
    }
}
