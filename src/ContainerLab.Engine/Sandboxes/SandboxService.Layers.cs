using ContainerLab.Engine.Inspection;

namespace ContainerLab.Engine.Sandboxes;

public sealed partial class SandboxService
{
    /// <summary>
    /// One directory of one layer of the sandbox's root filesystem, with what that layer did to each name compared with
    /// the layers below (<see cref="LayerDirectoryReader"/>). Layer 0 is the image's bottom layer; the number of image
    /// layers is the writable layer (the overlay's upperdir), where every change the student makes lands.
    /// </summary>
    public LayerDirectory ListLayerDirectory(string idOrName, int layerIndex, string path)
    {
        var sandbox = Find(idOrName);
        // The store's unpacked layers (the idmapped views under lower/ show the same files), then the upper.
        IReadOnlyList<string> layers = [.. sandbox.Image?.Layers.Select(l => l.Path) ?? [], sandbox.Snapshot.Upper];
        return LayerDirectoryReader.Read(layers, layerIndex, path);
    }
}
