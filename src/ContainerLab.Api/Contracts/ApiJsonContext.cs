using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerLab.Api.Contracts;

/// <summary>Source-generated JSON for every contract: camelCase, nulls omitted, unknown request fields refused.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateSandboxRequest))]
[JsonSerializable(typeof(SandboxDto))]
[JsonSerializable(typeof(IReadOnlyList<SandboxDto>))]
[JsonSerializable(typeof(UpdateLimitsRequest))]
[JsonSerializable(typeof(ExecRequest))]
[JsonSerializable(typeof(ProcessDto))]
[JsonSerializable(typeof(ExitDto))]
[JsonSerializable(typeof(TerminalSizeDto))]
[JsonSerializable(typeof(ImageDto))]
[JsonSerializable(typeof(IReadOnlyList<ImageDto>))]
[JsonSerializable(typeof(HostInfoDto))]
[JsonSerializable(typeof(DoctorDto))]
[JsonSerializable(typeof(AttachExitMessage))]
[JsonSerializable(typeof(AttachAckMessage))]
[JsonSerializable(typeof(ProblemDto))]
[JsonSerializable(typeof(InspectionDto))]
[JsonSerializable(typeof(NetworkInspectionDto))]
[JsonSerializable(typeof(SandboxEventDto))]
[JsonSerializable(typeof(LayerDirectoryDto))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
