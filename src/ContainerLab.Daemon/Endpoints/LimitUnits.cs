using ContainerLab.Api.Contracts;
using ContainerLab.Api.Units;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>
/// The units a request wrote its sizes in ("4096MiB" from the web, "64m" from clabctl), so that a refusal says its
/// numbers back in them: the engine counts bytes, the caller does not.
/// </summary>
internal sealed record LimitUnits(Size? Memory, Size? Disk)
{
    public static LimitUnits Of(LimitsDto? limits) =>
        new(ParseSize(limits?.Memory, limits?.MemoryBytes, "memory"), ParseSize(limits?.Disk, limits?.DiskBytes, "disk"));

    public static LimitUnits Of(UpdateLimitsRequest request) => new(ParseSize(request.Memory, request.MemoryBytes, "memory"), null);

    /// <summary>Runs <paramref name="action"/>; a limit it refuses becomes a 400 whose message uses the caller's units.</summary>
    public async Task<T> SpeakAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (LimitExceededException e) when (UnitOf(e.Limit) is { } size)
        {
            throw new InvalidRequestException(e.Describe(size.Format));
        }
    }

    /// <summary>Bytes from `memory: "64m"` or `memoryBytes: 67108864`; giving both is ambiguous and refused.</summary>
    public static Size? ParseSize(string? text, long? bytes, string field)
    {
        if (text is null)
            return null;
        if (bytes is not null)
            throw new InvalidRequestException($"give {field} or {field}Bytes, not both");
        return Size.TryParse(text, out var size) ? size
            : throw new InvalidRequestException($"{field} '{text}' is not a size such as 512MiB, 64m or 1g");
    }

    private Size? UnitOf(LimitKind limit) => limit == LimitKind.Memory ? Memory : limit == LimitKind.Disk ? Disk : null;
}
