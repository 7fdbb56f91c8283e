using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Components.Kernel.Overlay;

/// <summary>One read-only image layer (a lowerdir) as a plate.</summary>
/// <param name="Index">The layer's index in the API: 0 is the image's bottom layer.</param>
/// <param name="Name">"layer 2: bbbbbbbbbbbb" (the tree's title); <paramref name="Label"/> is what the plate shows.</param>
public sealed record OverlayLayer(string Name, string Detail, string Explanation, double Y, int Index, string Label = "", string CreatedBy = "");

/// <summary>A line from a lower plate to the change on the writable plate that copied its file up or whited it out.</summary>
/// <param name="Path">The SVG path: from the mark on the lower plate, through the gutter, to the change's badge.</param>
public sealed record OverlayConnector(string ChangePath, string Kind, int Origin, string Path, double OriginX, double OriginY, string Arrow);

/// <summary>What the panel knows besides the inspection: whose node it is, who shares the image, where originals lie, what is new.</summary>
public sealed record OverlayContext(
    string Node = "the sandbox",
    ImageShare? Share = null,
    Func<string, int?>? Origin = null,
    IReadOnlySet<(string Path, string Kind)>? Fresh = null);

/// <summary>
/// The overlay as stacked plates, drawn top to bottom: the merged view (what / shows) on top, the writable layer
/// (upperdir, the node's own) under it with every change on it, then the image's read-only layers (lowerdirs) down to
/// the base. All positions are computed here; the panel only draws.
/// </summary>
public sealed class OverlayModel
{
    public const double Width = 400, Gutter = 26, PlateGap = 14, Edge = 4;
    public const double MergedHeight = 40, WritableHeaderHeight = 24, ChangeLineHeight = 18, CaptionHeight = 20, LayerHeight = 40;
    public const double BadgeWidth = 90, BadgeHeight = 15;
    public const int CreatedByChars = 48, SummaryChars = 48;

    public static double PlateX => Gutter;
    public static double PlateWidth => Width - Gutter;
    public static double TextX => Gutter + 18;
    public static double PathX => TextX + BadgeWidth + 8;

    public required IReadOnlyList<OverlayChange> Changes { get; init; }
    public required bool ChangesTruncated { get; init; }
    /// <summary>Top first: the highest image layer right under the writable plate, the base at the bottom.</summary>
    public required IReadOnlyList<OverlayLayer> ImageLayers { get; init; }
    public IReadOnlyList<OverlayConnector> Connectors { get; init; } = [];
    public string Node { get; init; } = "the sandbox";
    public ImageShare? Share { get; init; }

    /// <summary>The writable layer's index in the API: it sits on top of the image's layers.</summary>
    public int WritableIndex => ImageLayers.Count;

    /// <summary>"the writable layer" or "layer 2: bbbbbbbbbbbb" (the name the tree shows).</summary>
    public string Title(int index) =>
        index == WritableIndex ? "the writable layer" : ImageLayers.FirstOrDefault(l => l.Index == index)?.Name ?? $"layer {index + 1}";

    public static double WritableY => MergedHeight + PlateGap;
    public double WritableHeight => WritableHeaderHeight + Math.Max(1, Changes.Count + (ChangesTruncated ? 1 : 0)) * ChangeLineHeight + 6;
    public double CaptionY => WritableY + WritableHeight + PlateGap;
    public double Height => ImageLayers.Count == 0 ? CaptionY : ImageLayers[^1].Y + LayerHeight + Edge + 1;
    public bool AnyFresh => Changes.Any(c => c.Fresh);

    public int Count(string kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>"writable layer (upperdir) · node1".</summary>
    public string WritableLabel => $"writable layer (upperdir) · {Node}";

    /// <summary>The merged plate's second line: what the writable layer changes in the image's view; markers alone when the words would not fit.</summary>
    public string MergedSummary
    {
        get
        {
            (string Kind, string Words)[] kinds = [("added", "added"), ("modified", "copied up"), ("deleted", "whited out"), ("opaque", "opaque")];
            var counted = kinds.Select(k => (k.Kind, k.Words, N: Count(k.Kind))).Where(k => k.N > 0).ToList();
            if (counted.Count == 0)
                return "nothing changed: exactly the image";
            string words = string.Join(" · ", counted.Select(k => $"{KernelText.Number(k.N)} {k.Words}"));
            return words.Length <= SummaryChars ? words : string.Join("  ", counted.Select(k => KernelText.ChangeMarker(k.Kind) + KernelText.Number(k.N)));
        }
    }

    public string MergedExplanation =>
        $"the merged view: what ls / shows in {Node}. overlayfs looks each name up top-down, the writable layer first, then the image's "
        + $"{KernelText.Number(ImageLayers.Count)} read-only layers; the first layer that has the name wins and a whiteout hides it. Changes: {MergedSummary}.";

    /// <summary>The line above the image's plates: read-only, and how many sandboxes share them.</summary>
    public string Caption => Share switch
    {
        null => "read-only image layers (lowerdirs)",
        { Sandboxes: <= 1 } share => $"read-only · {Short(share.Image, 20)} · only {Node} uses it",
        var share => $"read-only · {Short(share.Image, 20)} · shared by {KernelText.Number(share.Sandboxes)} sandboxes",
    };

    public string CaptionExplanation => Share switch
    {
        null => "the image's layers, mounted read-only as overlayfs lowerdirs",
        var share => $"the image's layers ({share.Image}) are unpacked once and mounted read-only as overlayfs lowerdirs under every sandbox "
            + $"that uses the image: {KernelText.Number(share.Sandboxes)} on this server now, {Node} included. Only the writable layer is {Node}'s own.",
    };

    public static OverlayModel From(InspectionDto inspection, OverlayContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        context ??= new OverlayContext();
        var fs = inspection.Filesystem;
        int imageLayers = fs.Layers.Count;
        var changes = fs.Changes.OrderBy(c => c.Path, StringComparer.Ordinal)
            .Select((c, i) => new OverlayChange(
                c.Path, c.Kind, c.IsDirectory, c.Size,
                WritableY + WritableHeaderHeight + i * ChangeLineHeight,
                c.Kind is "modified" or "deleted" && imageLayers > 0 ? context.Origin?.Invoke(c.Path) : null,
                context.Fresh?.Contains((c.Path, c.Kind)) == true))
            .ToList();
        var model = new OverlayModel { Changes = changes, ChangesTruncated = fs.ChangesTruncated, ImageLayers = [] };
        double y = model.CaptionY + CaptionHeight;
        var layers = new List<OverlayLayer>(imageLayers);
        // Layers come base first (the image config's diff_ids order); the stack is drawn with the base at the bottom.
        for (int i = imageLayers - 1; i >= 0; i--)
        {
            var layer = fs.Layers[i];
            string digest = layer.DiffId.StartsWith("sha256:", StringComparison.Ordinal) ? layer.DiffId[7..] : layer.DiffId;
            string shortId = digest.Length > 12 ? digest[..12] : digest;
            string detail = $"{KernelText.Bytes(layer.Size)}, {KernelText.Number(layer.FileCount)} files";
            layers.Add(new OverlayLayer(
                $"layer {i + 1}: {shortId}",
                detail,
                $"read-only image layer {i + 1} of {imageLayers} (a lowerdir), {layer.DiffId}, {detail}" + (layer.CreatedBy is { } by ? $", created by: {by}" : ""),
                y,
                i,
                $"layer {i + 1} · {KernelText.Bytes(layer.Size)} · {KernelText.Number(layer.FileCount)} files",
                layer.CreatedBy is { } createdBy ? Short(createdBy.Trim(), CreatedByChars) : "created by: not recorded"));
            y += LayerHeight + PlateGap;
        }
        return new OverlayModel
        {
            Changes = changes,
            ChangesTruncated = fs.ChangesTruncated,
            ImageLayers = layers,
            Connectors = ConnectorsFor(changes, layers),
            Node = context.Node,
            Share = context.Share,
        };
    }

    /// <summary>A line per copy-up or whiteout whose original's layer is known, in one of three lanes of the gutter.</summary>
    private static List<OverlayConnector> ConnectorsFor(List<OverlayChange> changes, List<OverlayLayer> layers)
    {
        var connectors = new List<OverlayConnector>();
        foreach (var change in changes)
        {
            if (change.Origin is not int origin || layers.FirstOrDefault(l => l.Index == origin) is not { } layer)
                continue;
            // Three lanes, and three heights on the lower plate, so lines and their marks do not lie on each other.
            int k = connectors.Count % 3;
            double lane = 7 + k * 6;
            double originX = PlateX + 10, originY = layer.Y + 10 + k * 10;
            double rowY = change.Y + 1 + BadgeHeight / 2, end = TextX - 1;
            string path = $"M {N(originX)} {N(originY)} H {N(lane)} V {N(rowY)} H {N(end)}";
            // The arrow says which way the file went: a copy-up brings it up, a whiteout reaches down to hide it.
            string arrow = change.Kind == "modified"
                ? $"{N(end)},{N(rowY)} {N(end - 6)},{N(rowY - 3.5)} {N(end - 6)},{N(rowY + 3.5)}"
                : $"{N(originX - 4)},{N(originY)} {N(originX - 10)},{N(originY - 3.5)} {N(originX - 10)},{N(originY + 3.5)}";
            connectors.Add(new OverlayConnector(change.Path, change.Kind, origin, path, originX, originY, arrow));
        }
        return connectors;
    }

    private static string Short(string text, int chars) => text.Length <= chars ? text : text[..(chars - 1)] + "…";

    private static string N(double value) => KernelSvg.Number(value);
}
