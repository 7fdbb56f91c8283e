namespace ContainerLab.Api.Contracts;

/// <summary>
/// GET /v1/sandboxes/{id}/events: newline-delimited JSON (application/x-ndjson), one object per change, until the
/// sandbox is removed. <see cref="Type"/> is one of <see cref="SandboxEventTypes"/>; <see cref="Cgroup"/> comes with
/// every event but "ended", as the daemon read it at that moment.
/// </summary>
/// <param name="Started">"processes": host pids that appeared.</param>
/// <param name="Exited">"processes": host pids that are gone.</param>
/// <param name="Paths">"files": paths inside the sandbox that changed in the writable layer (at most 100).</param>
/// <param name="PathsTruncated">"files": more changed than <see cref="Paths"/> lists.</param>
/// <param name="State">"state": created, running or exited.</param>
public sealed record SandboxEventDto(
    string Type,
    DateTimeOffset At,
    InspectedCgroupDto? Cgroup = null,
    IReadOnlyList<int>? Started = null,
    IReadOnlyList<int>? Exited = null,
    IReadOnlyList<string>? Paths = null,
    bool PathsTruncated = false,
    string? State = null);

/// <summary>The values of <see cref="SandboxEventDto.Type"/>.</summary>
public static class SandboxEventTypes
{
    public const string Processes = "processes";
    public const string Namespaces = "namespaces";
    public const string Files = "files";
    public const string OomKill = "oom-kill";
    public const string PidsLimitHit = "pids-limit-hit";
    public const string Limits = "limits";
    public const string Usage = "usage";
    public const string State = "state";
    public const string Ended = "ended";
}
