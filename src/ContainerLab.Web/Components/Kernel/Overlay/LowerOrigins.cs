using ContainerLab.Api.Client;
using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>
/// Which image layer holds the original of a copied-up or whited-out file: the top-most lower layer that has the name
/// (overlayfs looks the layers up top-down and the first one wins). Image layers never change, so each directory of
/// each layer is listed at most once.
/// </summary>
public sealed class LowerOrigins(Func<int, string, CancellationToken, Task<LayerDirectoryDto>> listDirectory)
{
    /// <summary>Bounds the listings one inspection can cause (a student can copy up many files at once).</summary>
    public const int MaxLookupsPerRound = 24;

    private readonly Dictionary<(int Layer, string Directory), LayerDirectoryDto?> _directories = [];
    private readonly Dictionary<string, int?> _origins = new(StringComparer.Ordinal);

    /// <summary>The layer that holds <paramref name="path"/>, or null when it is not known (yet).</summary>
    public int? Of(string path) => _origins.GetValueOrDefault(path);

    public bool IsKnown(string path) => _origins.ContainsKey(path);

    /// <summary>Finds the origin of each path not yet known; true when something new is known.</summary>
    public async Task<bool> ResolveAsync(IEnumerable<string> paths, int imageLayers, CancellationToken cancellationToken)
    {
        bool learned = false;
        foreach (string path in paths.Where(p => !IsKnown(p)).Take(MaxLookupsPerRound).ToList())
        {
            // With one image layer there is nowhere else the original can be: the daemon reports a copy-up or a
            // whiteout only for a name a lower layer has.
            _origins[path] = imageLayers == 1 ? 0 : await FindAsync(path, imageLayers, cancellationToken);
            learned = true;
        }
        return learned;
    }

    private async Task<int?> FindAsync(string path, int imageLayers, CancellationToken cancellationToken)
    {
        int slash = path.LastIndexOf('/');
        string directory = slash <= 0 ? "/" : path[..slash];
        string name = path[(slash + 1)..];
        for (int layer = imageLayers - 1; layer >= 0; layer--)
        {
            var listing = await ListAsync(layer, directory, cancellationToken);
            var entry = listing?.Entries.FirstOrDefault(e => e.Name == name);
            if (entry is null)
                continue;
            // A whiteout in a lower layer means the layers under it no longer show the name.
            return entry.Change == "deleted" ? null : layer;
        }
        return null;
    }

    private async Task<LayerDirectoryDto?> ListAsync(int layer, string directory, CancellationToken cancellationToken)
    {
        if (_directories.TryGetValue((layer, directory), out var known))
            return known;
        LayerDirectoryDto? listing;
        try
        {
            listing = await listDirectory(layer, directory, cancellationToken);
        }
        catch (ContainerLabApiException)
        {
            listing = null; // the directory is not in this layer
        }
        _directories[(layer, directory)] = listing;
        return listing;
    }
}
