using System.Reflection;
using ContainerLab.Api.Contracts;
using ContainerLab.Engine.Host;
using ContainerLab.Engine.Sandboxes;

namespace ContainerLab.Daemon.Endpoints;

/// <summary>/v1/info and /v1/doctor: what this daemon runs on, and whether the host has what it needs.</summary>
internal static class HostEndpoints
{
    public static RouteGroupBuilder MapHostEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/info", async (SandboxService engine) =>
        {
            var footprint = engine.MeasureFootprint();
            var changes = engine.ChangeStreamStatistics;
            return new HostInfoDto
            {
                Version = typeof(HostEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
                Kernel = Environment.OSVersion.Version.ToString(),
                CgroupMode = HostDoctor.Describe(engine.Cgroups),
                Runtime = engine.Runtime.Kind.ToString().ToLowerInvariant(),
                RuntimeVersion = await engine.Runtime.VersionAsync(),
                StateDirectory = engine.Options.StateDirectory,
                CgroupParent = engine.Options.CgroupParent,
                Sandboxes = engine.List().Count,
                MaxSandboxes = engine.Options.MaxSandboxes,
                VmNodes = engine.List().Count(s => s.Spec.Kind == NodeKind.Vm),
                MaxVmNodes = engine.Options.MaxVmNodes,
                Footprint = new FootprintDto(footprint.SandboxDirectories, footprint.Mounts, footprint.Cgroups,
                    footprint.NetworkNamespaces, footprint.RuntimeStates, footprint.LoopDevices, footprint.Processes),
                ChangeStream = new ChangeStreamDto(changes.Watched, changes.Ticks, changes.SandboxTicks, changes.Busy.TotalMilliseconds,
                    changes.BusyCpu.TotalMilliseconds),
                Limits = engine.Options.Bounds.ToDto(),
                Load = Load(HostLoad.Measure(engine.Cgroups.Open(engine.Options.CgroupParent).ReadStats())),
            };
        });
        api.MapGet("/doctor", (SandboxService engine) => new DoctorDto(
            HostDoctor.Describe(engine.Cgroups),
            [.. HostDoctor.Run(engine.Cgroups, engine.Runtime, engine.Options.BusyboxPath).Select(c => new DoctorCheckDto(c.Name, c.Ok, c.Detail))]));
        return api;
    }

    private static HostLoadDto Load(HostLoad load) => new(load.Cores, load.MemoryTotalBytes, load.MemoryAvailableBytes, load.Load1, load.Load5,
        load.Load15, load.CpuBusySeconds, load.CpuTotalSeconds, load.SandboxMemoryBytes, load.SandboxCpuSeconds);
}
