using System.Text.Json.Serialization;

namespace ContainerLab.Api.Contracts;

/// <summary>
/// An error answer (RFC 9457 problem+json), as the daemon writes it and its clients read it. The members are the RFC's;
/// extension members a framework adds (e.g. traceId on a 404 for an unknown route) are skipped when read.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record ProblemDto
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Instance { get; init; }
}
