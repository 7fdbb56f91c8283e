using System.Text.Json.Serialization;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>
/// camelCase keys as in the spec, nulls omitted (an absent optional field and a JSON null are not the
/// same to every runtime), enums as their SCMP_/namespace names.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(OciSpec))]
[JsonSerializable(typeof(OciProcess))]
[JsonSerializable(typeof(OciResources))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
