using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerLab.Engine.Sandboxes;

/// <summary>
/// What is written to sandboxes/ID/sandbox.json before anything else is created, so that a daemon
/// restarted after a crash knows what each leftover directory was and can remove all of it.
/// </summary>
public sealed record SandboxRecord(string Id, string Name, string? Session, uint IdRangeStart, DateTimeOffset CreatedAt)
{
    public const string FileName = "sandbox.json";

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, SandboxRecordJson.Default.SandboxRecord));

    public static SandboxRecord? TryRead(string directory)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(directory, FileName)), SandboxRecordJson.Default.SandboxRecord);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // half-written: the directory name still tells the id
        }
    }
}

[JsonSerializable(typeof(SandboxRecord))]
internal sealed partial class SandboxRecordJson : JsonSerializerContext;
