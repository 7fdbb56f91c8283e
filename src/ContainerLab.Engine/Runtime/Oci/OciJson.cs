using System.Text.Json;

namespace ContainerLab.Engine.Runtime.Oci;

/// <summary>Reads and writes config.json and process.json with the source-generated <see cref="OciJsonContext"/>.</summary>
public static class OciJson
{
    public static string Serialize(OciSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JsonSerializer.Serialize(spec, OciJsonContext.Default.OciSpec);
    }

    public static string Serialize(OciProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return JsonSerializer.Serialize(process, OciJsonContext.Default.OciProcess);
    }

    /// <summary>The linux.resources object alone, as `crun/runc update --resources` read it.</summary>
    public static string Serialize(OciResources resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return JsonSerializer.Serialize(resources, OciJsonContext.Default.OciResources);
    }

    public static OciSpec DeserializeSpec(string json) =>
        JsonSerializer.Deserialize(json, OciJsonContext.Default.OciSpec)
        ?? throw new JsonException("config.json is the JSON literal null");

    public static OciProcess DeserializeProcess(string json) =>
        JsonSerializer.Deserialize(json, OciJsonContext.Default.OciProcess)
        ?? throw new JsonException("process.json is the JSON literal null");
}
