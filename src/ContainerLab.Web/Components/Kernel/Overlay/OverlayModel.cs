using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Overlay;

public sealed record OverlayChange(string Path, string Kind, bool IsDirectory, long Size)
{
    public string Marker => KernelText.ChangeMarker(Kind);

    public string Explanation => Kind switch
    {
        "added" => $"{Path}: added in the writable layer",
        "modified" => $"{Path}: copied up from a lower layer and changed",
        "deleted" => $"{Path}: deleted; a whiteout in the writable layer hides the lower layers' file",
        "opaque" => $"{Path}: an opaque directory; the lower layers' contents of it are hidden",
        _ => $"{Path}: {Kind}",
    };
}

/// <param name="Index">The layer's index in the API: 0 is the image's bottom layer.</param>
public sealed record OverlayLayer(string Name, string Detail, string Explanation, double Y, int Index);

/// <summary>The overlay stack, top first: the writable layer (upperdir) with its changes, then the image's layers (lowerdirs).</summary>
public sealed class OverlayModel
{
    public const double Width = 560, LayerHeight = 34, LayerGap = 6, ChangeLineHeight = 16, WritableHeaderHeight = 24;

    public required IReadOnlyList<OverlayChange> Changes { get; init; }
    public required bool ChangesTruncated { get; init; }
    public required IReadOnlyList<OverlayLayer> ImageLayers { get; init; }

    /// <summary>The writable layer's index in the API: it sits on top of the image's layers.</summary>
    public int WritableIndex => ImageLayers.Count;

    /// <summary>"the writable layer" or "layer 2: bbbbbbbbbbbb" (the name the stack shows).</summary>
    public string Title(int index) =>
        index == WritableIndex ? "the writable layer" : ImageLayers.FirstOrDefault(l => l.Index == index)?.Name ?? $"layer {index + 1}";

    public double WritableHeight => WritableHeaderHeight + Math.Max(1, Changes.Count + (ChangesTruncated ? 1 : 0)) * ChangeLineHeight + 6;
    public double Height => ImageLayers.Count == 0 ? WritableHeight : ImageLayers[^1].Y + LayerHeight;

    public static OverlayModel From(InspectionDto inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var fs = inspection.Filesystem;
        var changes = fs.Changes.OrderBy(c => c.Path, StringComparer.Ordinal).Select(c => new OverlayChange(c.Path, c.Kind, c.IsDirectory, c.Size)).ToList();
        var model = new OverlayModel { Changes = changes, ChangesTruncated = fs.ChangesTruncated, ImageLayers = [] };
        double y = model.WritableHeight + LayerGap;
        var layers = new List<OverlayLayer>(fs.Layers.Count);
        // Layers come base first (the image config's diff_ids order); the stack is drawn with the base at the bottom.
        for (int i = fs.Layers.Count - 1; i >= 0; i--)
        {
            var layer = fs.Layers[i];
            string digest = layer.DiffId.StartsWith("sha256:", StringComparison.Ordinal) ? layer.DiffId[7..] : layer.DiffId;
            string shortId = digest.Length > 12 ? digest[..12] : digest;
            layers.Add(new OverlayLayer(
                $"layer {i + 1}: {shortId}",
                $"{KernelText.Bytes(layer.Size)}, {KernelText.Number(layer.FileCount)} files",
                $"read-only image layer {i + 1} of {fs.Layers.Count} (a lowerdir), {layer.DiffId}" + (layer.CreatedBy is { } by ? $", created by: {by}" : ""),
                y,
                i));
            y += LayerHeight + LayerGap;
        }
        return new OverlayModel { Changes = changes, ChangesTruncated = fs.ChangesTruncated, ImageLayers = layers };
    }
}
