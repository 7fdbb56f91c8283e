namespace ContainerLab.Api.Contracts;

public sealed record ImageDto(string Name, string Tag, string Digest, IReadOnlyList<LayerDto> Layers, DateTimeOffset ImportedAt);

public sealed record LayerDto(string DiffId, long Size, long FileCount, string? CreatedBy);

/// <summary>GET /v1/info: what this daemon runs on and with.</summary>
public sealed record HostInfoDto
{
    public required string Version { get; init; }
    public required string Kernel { get; init; }
    public required string CgroupMode { get; init; }
    public required string Runtime { get; init; }
    public required string RuntimeVersion { get; init; }
    public required string StateDirectory { get; init; }
    public required string CgroupParent { get; init; }
    public required int Sandboxes { get; init; }
    public required int MaxSandboxes { get; init; }
    /// <summary>VM nodes running now and the most this server allows (containerlabd --max-vm-nodes); absent from older daemons.</summary>
    public int? VmNodes { get; init; }
    public int? MaxVmNodes { get; init; }
    public required FootprintDto Footprint { get; init; }
    /// <summary>What the change stream (GET /v1/sandboxes/{id}/events) has cost since the daemon started; absent from older daemons.</summary>
    public ChangeStreamDto? ChangeStream { get; init; }
    /// <summary>The limits this server allows, so that clients can show them and bound their controls; absent from older daemons.</summary>
    public LimitBoundsDto? Limits { get; init; }
    /// <summary>How busy the machine is now, and its sandboxes' part of it; absent from older daemons.</summary>
    public HostLoadDto? Load { get; init; }
}

/// <summary>
/// The machine's load: memory now, load averages, and cumulative CPU seconds (busy and total over all CPUs; the
/// sandboxes' part from the daemon's parent cgroup), which a client turns into a percentage between two readings.
/// </summary>
public sealed record HostLoadDto(int Cores, long MemoryTotalBytes, long MemoryAvailableBytes, double Load1, double Load5, double Load15,
    double CpuBusySeconds, double CpuTotalSeconds, long? SandboxMemoryBytes, double? SandboxCpuSeconds);

/// <summary>
/// The smallest limits a sandbox may have (<see cref="Floor"/>), the most one sandbox may have (<see cref="Node"/>),
/// and the most the sandboxes of one session may have together (<see cref="Session"/>: memory, cpus, pids and disk add
/// up; disk inodes and open files are per node only and absent here). Sizes in bytes, CPUs in cores.
/// </summary>
public sealed record LimitBoundsDto(LimitsDto Floor, LimitsDto Node, LimitsDto Session);

/// <summary>
/// This daemon's objects on the host, counted from the kernel's side; all zero when it has no sandbox. Processes: host
/// processes holding ids of the daemon's id ranges (a removed sandbox's leftovers count here).
/// </summary>
public sealed record FootprintDto(int SandboxDirectories, int Mounts, int Cgroups, int NetworkNamespaces, int RuntimeStates, int LoopDevices, int Processes = 0);

/// <summary>
/// The change stream's loop since the daemon started: sandboxes watched now, ticks run (every 250 ms while anyone
/// watches), sandbox reads in them (one per watched sandbox per tick), and the wall and CPU time spent in them (the CPU
/// time of the ticking thread; writing events to subscribers' responses is not in it).
/// </summary>
public sealed record ChangeStreamDto(int Watched, long Ticks, long SandboxTicks, double BusyMilliseconds, double BusyCpuMilliseconds);

/// <summary>GET /v1/doctor: each requirement and whether this host meets it.</summary>
public sealed record DoctorDto(string CgroupMode, IReadOnlyList<DoctorCheckDto> Checks);

public sealed record DoctorCheckDto(string Name, bool Ok, string Detail);
