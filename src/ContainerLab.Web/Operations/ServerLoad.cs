using ContainerLab.Api.Contracts;

namespace ContainerLab.Web.Operations;

/// <summary>
/// The server's load as an instructor reads it, from two of the daemon's readings (<see cref="HostLoadDto"/>) some
/// seconds apart: CPU as a share of the whole machine between them, memory now.
/// </summary>
public sealed record ServerLoad(HostInfoDto Info, double? CpuPercent, double? SandboxCpuPercent)
{
    public HostLoadDto? Load => Info.Load;

    public long? MemoryUsedBytes => Load is { } load ? load.MemoryTotalBytes - load.MemoryAvailableBytes : null;

    public double? MemoryPercent => Load is { MemoryTotalBytes: > 0 } load ? 100.0 * MemoryUsedBytes!.Value / load.MemoryTotalBytes : null;

    /// <summary>The load of <paramref name="now"/>, its CPU figures over the time since <paramref name="before"/> (null: first reading).</summary>
    public static ServerLoad Between(HostInfoDto? before, HostInfoDto now)
    {
        if (before?.Load is not { } a || now.Load is not { } b || b.CpuTotalSeconds <= a.CpuTotalSeconds)
            return new ServerLoad(now, null, null);
        double total = b.CpuTotalSeconds - a.CpuTotalSeconds; // CPU-seconds of every CPU between the readings
        double cpu = Percent((b.CpuBusySeconds - a.CpuBusySeconds) / total);
        double? sandboxes = a.SandboxCpuSeconds is { } sa && b.SandboxCpuSeconds is { } sb ? Percent((sb - sa) / total) : null;
        return new ServerLoad(now, cpu, sandboxes);
    }

    private static double Percent(double share) => Math.Clamp(100 * share, 0, 100);
}
