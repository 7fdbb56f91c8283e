using System.Globalization;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Errors;
using ContainerLab.Engine.Images;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>Between the API's contracts and the engine's types. Parsing of wire strings (profile, network) lives here.</summary>
internal static class DtoMapping
{
    /// <summary>The spec; <paramref name="units"/> are the request's own sizes (<see cref="LimitUnits.Of(LimitsDto?)"/>) when already parsed.</summary>
    public static SandboxSpec ToSpec(this CreateSandboxRequest request, LimitUnits? units = null)
    {
        units ??= LimitUnits.Of(request.Limits);
        var defaults = SandboxLimits.Default;
        var limits = request.Limits;
        return new SandboxSpec
        {
            Kind = ParseEnum<NodeKind>(request.Kind, NodeKind.Container, "kind"),
            Image = request.Image,
            Command = request.Command ?? [],
            Tty = request.Tty,
            Name = request.Name,
            WorkingDirectory = request.WorkingDirectory,
            Environment = request.Environment ?? new Dictionary<string, string>(),
            Limits = new SandboxLimits
            {
                MemoryBytes = units.Memory?.Bytes ?? limits?.MemoryBytes ?? defaults.MemoryBytes,
                Pids = limits?.Pids ?? defaults.Pids,
                Cpus = limits?.Cpus ?? defaults.Cpus,
                DiskBytes = units.Disk?.Bytes ?? limits?.DiskBytes ?? defaults.DiskBytes,
                DiskInodes = limits?.DiskInodes ?? defaults.DiskInodes,
                OpenFiles = limits?.OpenFiles ?? defaults.OpenFiles,
            },
            Profile = ParseEnum<PrivilegeProfile>(request.Profile, PrivilegeProfile.Default, "profile"),
            Network = ParseEnum<NetworkMode>(request.Network, NetworkMode.None, "network"),
            Session = request.Session,
            TerminalSize = ToSize(request.TerminalSize),
        };
    }

    public static LimitUpdate ToUpdate(this UpdateLimitsRequest request, LimitUnits? units = null) =>
        new((units ?? LimitUnits.Of(request)).Memory?.Bytes ?? request.MemoryBytes, request.Pids, request.Cpus);

    public static LimitsDto ToDto(this SandboxLimits limits) => new()
    {
        MemoryBytes = limits.MemoryBytes,
        Pids = limits.Pids,
        Cpus = limits.Cpus,
        DiskBytes = limits.DiskBytes,
        DiskInodes = limits.DiskInodes,
        OpenFiles = limits.OpenFiles,
    };

    /// <summary>Session ceilings cover only what adds up across a session's sandboxes.</summary>
    public static LimitBoundsDto ToDto(this LimitBounds bounds) => new(
        bounds.Floor.ToDto(), bounds.Node.ToDto(), bounds.Session.ToDto() with { DiskInodes = null, OpenFiles = null });

    public static ExecSpec ToSpec(this ExecRequest request) => new()
    {
        Command = request.Command,
        Tty = request.Tty,
        WorkingDirectory = request.WorkingDirectory,
        Environment = request.Environment ?? new Dictionary<string, string>(),
        TerminalSize = ToSize(request.TerminalSize),
        Stdin = request.Stdin ?? [],
    };

    public static TerminalSize? ToSize(TerminalSizeDto? size) => size is null ? null
        : size.Columns is > 0 and <= 1000 && size.Rows is > 0 and <= 1000 ? new TerminalSize((ushort)size.Columns, (ushort)size.Rows)
        : throw new InvalidRequestException("terminal size must be 1..1000 columns and 1..1000 rows");

    public static SandboxDto ToDto(this SandboxInfo info) => new()
    {
        Id = info.Id,
        Name = info.Name,
        Kind = Wire(info.Spec.Kind),
        Image = info.Image,
        State = Wire(info.State),
        ExitCode = info.ExitCode,
        CreatedAt = info.CreatedAt,
        StartedAt = info.StartedAt,
        ExitedAt = info.ExitedAt,
        Pid = info.Pid,
        IdRange = info.Ids.ToString(),
        Limits = info.Spec.Limits.ToDto(),
        Profile = Wire(info.Spec.Profile),
        Network = Wire(info.Spec.Network),
        Session = info.Spec.Session,
        Address = info.Address,
        Runtime = info.Runtime,
        CgroupPath = info.CgroupPath,
        Processes = [.. info.Processes.Select(ToDto)],
        Startup = [.. info.Startup.Select(s => new StartupStepDto(s.Name, s.Milliseconds))],
        Accelerator = info.Spec.Accelerator?.Name,
        AcceleratorReason = info.Spec.Accelerator?.Reason,
    };

    public static ProcessDto ToDto(this SandboxProcessInfo process) =>
        new(process.Id, process.Command, process.Tty, process.Pid, process.Running, process.ExitCode);

    public static ImageDto ToDto(this ImageRecord image) => new(
        image.Name, image.Tag, image.ManifestDigest,
        [.. image.Layers.Select(l => new LayerDto(l.DiffId, l.Size, l.FileCount, l.CreatedBy))],
        image.ImportedAt);

    private static string Wire<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static T ParseEnum<T>(string? value, T fallback, string what) where T : struct, Enum
    {
        if (value is null)
            return fallback;
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !value.Any(char.IsDigit))
            return parsed;
        throw new InvalidRequestException(string.Create(CultureInfo.InvariantCulture,
            $"unknown {what} '{value}'; use {string.Join(" or ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}"));
    }
}
