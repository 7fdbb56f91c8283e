namespace ContainerLab.Engine.Sandboxes;

/// <summary>Resource limits of one sandbox. Memory has no swap; disk is the writable layer's size.</summary>
public sealed record SandboxLimits
{
    public const long MiB = 1024 * 1024;

    public long MemoryBytes { get; init; } = 256 * MiB;
    public int Pids { get; init; } = 256;
    /// <summary>CPU bandwidth in cores (cfs quota / period).</summary>
    public double Cpus { get; init; } = 1.0;
    /// <summary>Size of the writable layer (upper dir).</summary>
    public long DiskBytes { get; init; } = 256 * MiB;
    /// <summary>Inode count of the writable layer.</summary>
    public long DiskInodes { get; init; } = 65536;
    /// <summary>RLIMIT_NOFILE, soft and hard.</summary>
    public int OpenFiles { get; init; } = 1024;

    public static SandboxLimits Default { get; } = new();
}

/// <summary>The range of limits this server allows a caller to ask for. Set by the operator.</summary>
public sealed record LimitBounds
{
    public long MinMemoryBytes { get; init; } = 16 * SandboxLimits.MiB;
    public long MaxMemoryBytes { get; init; } = 4096 * SandboxLimits.MiB;
    public int MinPids { get; init; } = 8;
    public int MaxPids { get; init; } = 4096;
    public double MinCpus { get; init; } = 0.05;
    public double MaxCpus { get; init; } = 4.0;
    public long MinDiskBytes { get; init; } = 8 * SandboxLimits.MiB;
    public long MaxDiskBytes { get; init; } = 4096 * SandboxLimits.MiB;
    public long MinDiskInodes { get; init; } = 1024;
    public long MaxDiskInodes { get; init; } = 1_000_000;
    public int MinOpenFiles { get; init; } = 64;
    public int MaxOpenFiles { get; init; } = 65536;

    public static LimitBounds Default { get; } = new();
}
