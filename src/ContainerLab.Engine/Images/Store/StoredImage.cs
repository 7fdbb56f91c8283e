using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerLab.Engine.Images.Store;

/// <summary>images/&lt;name&gt;@&lt;tag&gt;.json. Layer paths are not stored: they follow from the store root and the diff id.</summary>
internal sealed record StoredImage(
    string Name,
    string Tag,
    string ManifestDigest,
    string ConfigDigest,
    IReadOnlyList<StoredLayer> Layers,
    ImageConfig Config,
    DateTimeOffset ImportedAt);

internal sealed record StoredLayer(string DiffId, string Digest, long Size, long FileCount, string? CreatedBy);

/// <summary>layers/&lt;diffid-hex&gt;/layer.json, so an image that reuses a layer learns its size without walking it.</summary>
internal sealed record LayerMetadata(string DiffId, long Size, long FileCount);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StoredImage))]
[JsonSerializable(typeof(LayerMetadata))]
internal sealed partial class StoreJsonContext : JsonSerializerContext
{
    public static StoredImage? ReadImage(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), Default.StoredImage);
        }
        catch (Exception e) when (e is JsonException or FileNotFoundException)
        {
            return null;
        }
    }
}
